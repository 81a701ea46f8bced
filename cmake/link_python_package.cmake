# Links every file of the pure-Python package SRC into DST (the build tree's danvan/).
file(GLOB entries RELATIVE ${SRC} ${SRC}/*)
foreach(entry IN LISTS entries)
  if(entry STREQUAL "__pycache__")
    continue()
  endif()
  file(CREATE_LINK ${SRC}/${entry} ${DST}/${entry} SYMBOLIC)
endforeach()
