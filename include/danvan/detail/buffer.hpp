// A heap array of trivially copyable values whose elements start uninitialized:
// the projection writes each element once, so zero-filling first would only cost
// a pass over memory. It can shrink in place (realloc) and hand its storage to
// another owner (the Python bindings wrap it in a NumPy array without a copy).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <span>
#include <type_traits>
#include <utility>

namespace danvan::detail {

/// `bytes` of heap memory from std::malloc (free it with std::free); blocks of several
/// megabytes are aligned to 2 MiB and marked for transparent huge pages where the system
/// has them, so that filling them costs a few page faults instead of thousands.
/// Throws std::bad_alloc.
void* allocate_bytes(std::size_t bytes);

template <class T> class buffer {
  static_assert(std::is_trivially_copyable_v<T>, "buffer holds plain values");

 public:
  using value_type = T;

  buffer() noexcept = default;
  /// `n` uninitialized elements.
  explicit buffer(std::size_t n) : data_(allocate(n)), size_(n) {}
  buffer(std::size_t n, T value) : buffer(n) { std::fill_n(data_, n, value); }
  buffer(std::span<const T> values) : buffer(values.size()) {
    if (!values.empty()) std::memcpy(data_, values.data(), values.size() * sizeof(T));
  }
  buffer(const buffer& o) : buffer(std::span<const T>(o.data_, o.size_)) {}
  buffer(buffer&& o) noexcept : data_(std::exchange(o.data_, nullptr)), size_(std::exchange(o.size_, 0)) {}
  buffer& operator=(buffer o) noexcept {
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
    return *this;
  }
  ~buffer() { std::free(data_); }

  [[nodiscard]] T* data() noexcept { return data_; }
  [[nodiscard]] const T* data() const noexcept { return data_; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  T& operator[](std::size_t i) noexcept { return data_[i]; }
  const T& operator[](std::size_t i) const noexcept { return data_[i]; }
  T* begin() noexcept { return data_; }
  T* end() noexcept { return data_ + size_; }
  const T* begin() const noexcept { return data_; }
  const T* end() const noexcept { return data_ + size_; }
  operator std::span<const T>() const noexcept { return {data_, size_}; }
  [[nodiscard]] std::span<const T> span() const noexcept { return {data_, size_}; }

  /// Keeps the first `n <= size()` elements and returns the rest of the memory.
  void shrink(std::size_t n) {
    if (n >= size_) return;
    if (n == 0) {
      std::free(std::exchange(data_, nullptr));
    } else if (void* p = std::realloc(data_, n * sizeof(T))) {
      data_ = static_cast<T*>(p);
    }
    size_ = n;
  }
  /// Gives up the storage; the caller frees it with std::free.
  [[nodiscard]] T* release() noexcept {
    size_ = 0;
    return std::exchange(data_, nullptr);
  }

  friend bool operator==(const buffer& a, const buffer& b) noexcept {
    return a.size_ == b.size_ && (a.size_ == 0 || std::memcmp(a.data_, b.data_, a.size_ * sizeof(T)) == 0);
  }

 private:
  static T* allocate(std::size_t n) {
    if (n == 0) return nullptr;
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_alloc();
    return static_cast<T*>(allocate_bytes(n * sizeof(T)));
  }
  T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace danvan::detail
