#include "app/commands/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

namespace sohosolo::app {

Progress::Progress(std::string command, bool asked) : command_(std::move(command)) {
  terminal_ = isatty(STDERR_FILENO) == 1;
  if (asked || terminal_) out_ = &std::cerr;
}

Progress::Progress(std::string command, std::ostream& out, bool terminal)
    : command_(std::move(command)), out_(&out), terminal_(terminal) {}

double Progress::Seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

void Progress::Line(const std::string& text, bool in_place) {
  if (!out_) return;
  auto line = fmt::format("[{:6.1f} s] {}: {}", Seconds(), command_, text);
  if (in_place) {
    *out_ << '\r' << line << std::flush;
    open_line_ = true;
    return;
  }
  if (open_line_) *out_ << '\n';
  open_line_ = false;
  *out_ << line << '\n' << std::flush;
}

void Progress::Phase(const std::string& what) {
  last_tenth_ = 0;
  last_count_ = {};
  Line(what, false);
}

void Progress::Count(std::size_t done, std::size_t total, const std::string& what) {
  if (!out_ || total == 0) return;
  const auto text = fmt::format("{} of {} {} ({} %)", done, total, what, done * 100 / total);
  if (terminal_) {
    const auto now = std::chrono::steady_clock::now();
    if (done < total && now - last_count_ < std::chrono::milliseconds(100)) return;
    last_count_ = now;
    Line(text, true);
    if (done == total) {
      *out_ << '\n' << std::flush;
      open_line_ = false;
    }
    return;
  }
  const auto tenth = done * 10 / total;
  if (tenth == last_tenth_ && done < total) return;
  if (done == total && last_tenth_ == 10) return;
  last_tenth_ = tenth;
  Line(text, false);
}

void Progress::Done() { Line("done", false); }

}  // namespace sohosolo::app
