#pragma once
/// A second thread that helps with loops when a core is free, kept alive between calls.

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace tokenomics {

/// One persistent helper thread. offer() hands it a task unless it is still busy with an
/// earlier one. Starting a thread per loop would cost tens of microseconds and fresh stack
/// pages each time, a large share of a 1 ms ranking.
class HelperThread {
public:
    HelperThread() = default;
    ~HelperThread();
    HelperThread(const HelperThread&) = delete;
    HelperThread& operator=(const HelperThread&) = delete;

    /// Whether a second core exists to run on.
    [[nodiscard]] static bool available();
    /// Queues `task` and returns true, or returns false when the helper is still busy.
    bool offer(std::function<void()> task);

private:
    void loop();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::function<void()> task_;
    bool busy_ = false;
    bool stopping_ = false;
    std::thread thread_; // started on first use
};

/// Calls work(chunk) for every chunk in [0, chunkCount), each exactly once, on this thread
/// and — when `worthIt` and a second core exists — on the helper too. The two take chunks
/// from a shared counter, so a helper that the scheduler wakes late (a busy machine) only
/// takes what is left, and one that never wakes costs nothing: the call never waits for
/// the helper to start, only for a chunk it is running. Rethrows what work() threw.
template <typename Work>
void forEachChunk(HelperThread& helper, std::size_t chunkCount, bool worthIt, Work&& work) {
    if (!worthIt || chunkCount < 2 || !HelperThread::available()) {
        for (std::size_t chunk = 0; chunk < chunkCount; ++chunk)
            work(chunk);
        return;
    }
    // Shared by the helper's task, which may outlive this call (when it starts late, it
    // finds no chunk left and touches only this state, never `work`).
    struct Progress {
        std::atomic<std::size_t> next{0};
        std::atomic<int> active{0};
        std::mutex errorMutex;
        std::exception_ptr error;
    };
    auto progress = std::make_shared<Progress>();
    const std::function<void(std::size_t)> call = [&work](std::size_t chunk) { work(chunk); };
    const auto* callee = &call;
    auto takeChunks = [progress, callee, chunkCount] {
        while (true) {
            const std::size_t chunk = progress->next.fetch_add(1);
            if (chunk >= chunkCount)
                return;
            try {
                (*callee)(chunk);
            } catch (...) {
                const std::lock_guard lock(progress->errorMutex);
                progress->error = std::current_exception();
                progress->next.store(chunkCount); // stop handing out chunks
            }
        }
    };
    helper.offer([progress, takeChunks] {
        // Counted as active before taking a chunk: the caller, having seen the counter run
        // out, waits for every helper already inside.
        progress->active.fetch_add(1);
        takeChunks();
        progress->active.fetch_sub(1);
    });
    takeChunks();
    while (progress->active.load() != 0)
        std::this_thread::yield();
    if (progress->error)
        std::rethrow_exception(progress->error);
}

/// Chunk boundaries over series so that each chunk holds about the same number of points:
/// chunk c covers series [result[c], result[c + 1]).
std::vector<std::size_t> pointBalancedChunks(const std::vector<std::uint32_t>& seriesStart,
                                             std::size_t chunkCount);

} // namespace tokenomics
