#pragma once
// What a long command is doing, on stderr: one line per phase with the time since the command
// started, and counts within a phase. On by default when stderr is a terminal, or with
// --progress (logs of cron jobs); stdout keeps only the command's result.

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>

namespace sohosolo::app {

class Progress {
 public:
  /// `command` names the lines ("coverage: ..."); `asked` is --progress.
  Progress(std::string command, bool asked);
  /// For tests: writes to `out`, always on, as if it were (`terminal`) or not a terminal.
  Progress(std::string command, std::ostream& out, bool terminal);

  /// "[  1.2 s] coverage: placing 15000 exchanges"
  void Phase(const std::string& what);
  /// `done` of `total` `what` within the phase: each tenth on a log, rewritten in place at most
  /// ten times a second on a terminal; always the last one.
  void Count(std::size_t done, std::size_t total, const std::string& what);
  /// "[ 10.5 s] coverage: done"
  void Done();

 private:
  double Seconds() const;
  void Line(const std::string& text, bool in_place);

  std::string command_;
  std::ostream* out_ = nullptr;  // null: off
  bool terminal_ = false;
  bool open_line_ = false;  // a count line waits for its newline (terminal)
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_count_{};
  std::size_t last_tenth_ = 0;
};

}  // namespace sohosolo::app
