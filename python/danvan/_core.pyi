# Stubs of the compiled module danvan._core (hand-written; tests/python/test_stubs.py
# checks that they name the same things as the module).

# --- errors and network ---

# --- text ---
