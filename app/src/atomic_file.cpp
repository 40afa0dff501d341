#include "atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace vrmall::app {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const char* step) {
  throw std::runtime_error("cannot save " + path.string() + ": " + step + ": " +
                           std::strerror(errno));
}

}  // namespace

std::filesystem::path temporaryFileFor(const std::filesystem::path& path) {
  return path.parent_path() / ("." + path.filename().string() + ".tmp");
}

void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes) {
  std::error_code ec;
  if (!path.parent_path().empty()) std::filesystem::create_directories(path.parent_path(), ec);
  const std::filesystem::path tmp = temporaryFileFor(path);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) fail(tmp, "open");
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      fail(tmp, "write");
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    fail(tmp, "fsync");
  }
  if (::close(fd) != 0) fail(tmp, "close");
  if (::rename(tmp.c_str(), path.c_str()) != 0) fail(path, "rename");
  const std::filesystem::path dir = path.parent_path().empty() ? "." : path.parent_path();
  const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirFd >= 0) {  // some file systems cannot open a folder: the rename still happened
    ::fsync(dirFd);
    ::close(dirFd);
  }
}

}  // namespace vrmall::app
