#include "transfer/line_reader.hpp"

namespace sala::transfer {

Result<void> LineReader::open(const std::string& path) {
  file_.reset(std::fopen(path.c_str(), "rb"));
  if (!file_) return Error::invalid("file_not_found", "cannot read " + path);
  if (std::fseek(file_.get(), 0, SEEK_END) == 0) {
    const long size = std::ftell(file_.get());
    if (size > 0) total_bytes_ = static_cast<std::uint64_t>(size);
    std::fseek(file_.get(), 0, SEEK_SET);
  }
  return {};
}

Result<std::optional<std::string>> LineReader::next() {
  constexpr std::size_t kChunk = 64 * 1024;
  for (;;) {
    const auto nl = buffer_.find('\n', at_);
    if (nl != std::string::npos || (eof_ && at_ < buffer_.size())) {
      const std::size_t end = nl == std::string::npos ? buffer_.size() : nl;
      std::string line = buffer_.substr(at_, end - at_);
      at_ = nl == std::string::npos ? buffer_.size() : nl + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      ++line_number_;
      if (line.size() > max_line_) break;
      return std::optional<std::string>(std::move(line));
    }
    if (eof_) return std::optional<std::string>{};
    if (buffer_.size() - at_ > max_line_) break;
    buffer_.erase(0, at_);
    at_ = 0;
    const std::size_t old = buffer_.size();
    buffer_.resize(old + kChunk);
    const std::size_t n = std::fread(buffer_.data() + old, 1, kChunk, file_.get());
    buffer_.resize(old + n);
    if (n < kChunk) {
      if (std::ferror(file_.get())) return Error::unavailable("the file could not be read");
      eof_ = true;
    }
    done_bytes_ += n;
    if (progress_) progress_(done_bytes_, total_bytes_);
  }
  return Error::too_large("line_too_long", "line " + std::to_string(line_number_ + 1) +
                                               " is longer than " + std::to_string(max_line_) + " bytes");
}

}  // namespace sala::transfer
