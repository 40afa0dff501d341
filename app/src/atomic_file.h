// Writing a file so that a crash at any instant leaves either the old contents or the new ones,
// never a mix: the bytes go to a temporary file beside it, are flushed to the disk (fsync), the
// temporary file is renamed over the target (atomic on POSIX file systems), and the folder is
// flushed so the rename itself survives a power cut.
#pragma once

#include <filesystem>
#include <string_view>

namespace vrmall::app {

// Throws std::runtime_error naming the file and the failing step (and leaves the old file).
void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

// The temporary file writeFileAtomically uses for `path` (a crash may leave it behind).
std::filesystem::path temporaryFileFor(const std::filesystem::path& path);

}  // namespace vrmall::app
