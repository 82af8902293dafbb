# Build-speed levers, each kept because it measured faster (issue 10's closing note has the
# figures). Most of a unit's time is spent instantiating and compiling the same nlohmann/json,
# httplib and GoogleTest templates again; a unity build compiles a batch of files as one unit, so
# that work is done once per batch. (A precompiled header was tried and gained nothing: it saves
# parsing only, and its 180 MB image costs time to load in every unit.)

# Unity batches: names in an anonymous namespace must be unique within a library or test folder,
# since several of its files become one translation unit. The build says so when two collide.
option(OAUTHSIM_UNITY "Compile each target in batches of files (unity build)" ON)
set(OAUTHSIM_UNITY_BATCH 8 CACHE STRING "Files per unity batch")
if(OAUTHSIM_UNITY)
  set(CMAKE_UNITY_BUILD ON)
  set(CMAKE_UNITY_BUILD_BATCH_SIZE ${OAUTHSIM_UNITY_BATCH})
endif()

# The linker: mold, else lld, else the default. Only when the compiler accepts it.
include(CheckCXXSourceCompiles)
if(NOT DEFINED OAUTHSIM_LINKER)
  set(OAUTHSIM_LINKER "")
  foreach(candidate mold lld)
    find_program(_oauthsim_ld NAMES ld.${candidate} ${candidate})
    if(_oauthsim_ld)
      set(CMAKE_REQUIRED_LINK_OPTIONS -fuse-ld=${candidate})
      check_cxx_source_compiles("int main() { return 0; }" OAUTHSIM_LINKS_WITH_${candidate})
      unset(CMAKE_REQUIRED_LINK_OPTIONS)
      if(OAUTHSIM_LINKS_WITH_${candidate})
        set(OAUTHSIM_LINKER ${candidate})
        unset(_oauthsim_ld CACHE)
        break()
      endif()
    endif()
    unset(_oauthsim_ld CACHE)
  endforeach()
  set(OAUTHSIM_LINKER "${OAUTHSIM_LINKER}" CACHE STRING "Linker passed as -fuse-ld= (empty: the default)")
endif()
if(OAUTHSIM_LINKER)
  add_link_options(-fuse-ld=${OAUTHSIM_LINKER})
endif()

# ccache when present, never required (a rebuild in a second tree or after a branch switch).
find_program(OAUTHSIM_CCACHE ccache)
if(OAUTHSIM_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${OAUTHSIM_CCACHE})
endif()
