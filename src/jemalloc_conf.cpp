// jemalloc's options for the release build (linked with jemalloc: CMakeLists.txt), read by
// jemalloc from this symbol when the program starts; MALLOC_CONF in the environment still
// overrides them.
//
// background_thread: freed memory is given back to the system by jemalloc's own thread instead
// of by whichever request thread's allocation comes due. Without it, after a burst of requests
// (the bookings of bench/workspaces) the requests that followed paid for the purge: availability
// at one connection, p99 27 and 58 ms instead of under 1 ms (bench/README.md, sixth pass).
extern "C" {
// NOLINTNEXTLINE: the name and type are jemalloc's.
const char* malloc_conf = "background_thread:true";
}
