// The shopper's saved state: a round trip keeps everything; a corrupt, truncated or future file
// is reported with its name and place, kept aside as a backup, and the shopper starts afresh;
// "forget me" deletes it all; and a process killed (SIGKILL) at random instants during saves,
// hundreds of times, never loses what it had saved before.
#include "shopper_store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "atomic_file.h"

namespace vrmall::app {
namespace {

namespace fs = std::filesystem;

fs::path freshDir(const std::string& name) {
  const fs::path d =
      fs::temp_directory_path() / ("vrmall-store-test-" + std::to_string(getpid())) / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

SavedShopper someone(size_t events) {
  SavedShopper s;
  s.avatar.heightCm = 181;
  s.avatar.build = "athletic";
  s.avatar.size = "L";
  s.avatar.styles = {"street", "casual"};
  s.gazeConsent = true;
  for (size_t n = 0; n < events; ++n) {
    s.history.push_back({"gaze_dwell", "P" + std::to_string(n), 1'700'000'000 + int64_t(n), 1200});
  }
  s.cart.push_back({"P0041", "Cotton Slim Shirt", "M", "grey", 130.0});
  return s;
}

constexpr int64_t kNow = 1'700'100'000;

TEST(ShopperStore, RoundTripKeepsEverything) {
  const ShopperStore store(freshDir("roundtrip"));
  const LoadedShopper none = store.load();
  EXPECT_FALSE(none.existed);
  EXPECT_FALSE(none.shopper.gazeConsent.has_value()) << "first start: consent not asked yet";
  const SavedShopper s = someone(3);
  store.save(s, kNow);
  const LoadedShopper back = store.load();
  EXPECT_TRUE(back.existed);
  EXPECT_TRUE(back.problem.empty()) << back.problem;
  EXPECT_EQ(back.shopper, s);
}

TEST(ShopperStore, HistoryOlderThanTheRetentionIsNotKept) {
  const ShopperStore store(freshDir("retention"));
  SavedShopper s = someone(0);
  s.history.push_back({"pick_up", "OLD", kNow - (ShopperStore::kHistoryDays + 1) * 86400, 1});
  s.history.push_back({"pick_up", "NEW", kNow - 86400, 1});
  store.save(s, kNow);
  const auto back = store.load().shopper.history;
  ASSERT_EQ(back.size(), 1U);
  EXPECT_EQ(back[0].item, "NEW");
}

void expectSetAside(const std::string& contents, const std::string& mentions) {
  const fs::path dir = freshDir("bad");
  const ShopperStore store(dir);
  std::ofstream(store.file(), std::ios::binary) << contents;
  const LoadedShopper l = store.load();
  EXPECT_TRUE(l.existed);
  EXPECT_NE(l.problem.find(store.file().string()), std::string::npos) << l.problem;
  EXPECT_NE(l.problem.find(mentions), std::string::npos) << l.problem;
  ASSERT_TRUE(l.backup.has_value());
  std::ifstream kept(*l.backup, std::ios::binary);
  const std::string backupBytes((std::istreambuf_iterator<char>(kept)), {});
  EXPECT_EQ(backupBytes, contents) << "the unreadable file is kept as it was";
  EXPECT_EQ(l.shopper, SavedShopper{}) << "the shopper starts afresh";
  EXPECT_FALSE(fs::exists(store.file()));
  // The app goes on: a new save works and the next start reads it.
  store.save(someone(1), kNow);
  EXPECT_TRUE(store.load().problem.empty());
}

TEST(ShopperStore, CorruptTruncatedOrFutureFilesAreReportedAndKeptAside) {
  const std::string good = ShopperStore::toJson(someone(5)).dump(1);
  expectSetAside(good.substr(0, good.size() / 2), "byte");                       // truncated
  expectSetAside("\x01\x02garbage", "not valid JSON");                           // corrupt
  expectSetAside(R"({"format":"vrmall-shopper","version":9})", "newer vrmall");  // future
  std::string wrongType = good;
  wrongType.replace(wrongType.find("\"height_cm\": 181"), 16, "\"height_cm\": \"x\"");
  expectSetAside(wrongType, "/avatar/height_cm");
}

TEST(ShopperStore, ForgetMeDeletesTheFileAndItsBackups) {
  const fs::path dir = freshDir("forget");
  const ShopperStore store(dir);
  std::ofstream(store.file()) << "{broken";
  store.load();  // sets the broken one aside
  store.save(someone(2), kNow);
  EXPECT_EQ(store.erase(), 2U);
  EXPECT_TRUE(fs::is_empty(dir));
  EXPECT_FALSE(store.load().existed);
}

// A child saves ever longer histories and tells the parent (through a pipe) after each save has
// returned; the parent kills it with SIGKILL at a random instant. Whatever the instant, the file
// must load cleanly and hold at least the last history the child reported saved.
TEST(ShopperStore, KilledAtRandomDuringSavesNothingSavedIsLost) {
  const fs::path dir = freshDir("kill");
  const ShopperStore store(dir);
  std::mt19937 rng(20261202);
  constexpr int kRuns = 300;
  size_t killedMidWrite = 0;
  for (int run = 0; run < kRuns; ++run) {
    const size_t before = store.load().shopper.history.size();
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(fds[0]);
      for (size_t n = before + 1;; ++n) {
        store.save(someone(n), kNow);
        const uint32_t saved = static_cast<uint32_t>(n);
        if (write(fds[1], &saved, sizeof saved) != sizeof saved) _exit(1);
      }
    }
    close(fds[1]);
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % 4000));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status)) << "run " << run;
    uint32_t saved = static_cast<uint32_t>(before), v = 0;
    while (read(fds[0], &v, sizeof v) == sizeof v) saved = v;
    close(fds[0]);
    if (fs::exists(temporaryFileFor(store.file()))) ++killedMidWrite;
    const LoadedShopper l = store.load();
    ASSERT_TRUE(l.problem.empty()) << "run " << run << ": " << l.problem;
    ASSERT_GE(l.shopper.history.size(), saved) << "run " << run << " lost a save";
    ASSERT_GE(l.shopper.history.size(), before);
  }
  RecordProperty("killed_mid_write", static_cast<int>(killedMidWrite));
  std::cout << kRuns << " kills, " << killedMidWrite << " of them while a save was being written\n";
}

}  // namespace
}  // namespace vrmall::app
