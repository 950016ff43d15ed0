#pragma once
/// A second thread for loops large enough to repay it, kept alive between calls.

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace tokenomics {

/// One persistent helper thread: run() hands it a task, wait() blocks until it is done.
/// Starting a thread per loop would cost tens of microseconds and fresh stack pages each
/// time, a large share of a 1 ms ranking.
class HelperThread {
public:
    HelperThread() = default;
    ~HelperThread();
    HelperThread(const HelperThread&) = delete;
    HelperThread& operator=(const HelperThread&) = delete;

    /// Whether a second core exists to run on.
    [[nodiscard]] static bool available();
    void run(std::function<void()> task);
    /// Blocks until the task is done; rethrows what it threw.
    void wait();

private:
    void loop();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable done_;
    std::function<void()> task_;
    std::exception_ptr error_;
    bool busy_ = false;
    bool stopping_ = false;
    std::thread thread_; // started on first use
};

/// Runs work(0, split) on the helper and work(split, count) on this thread, or work(0,
/// count) here alone when not `worthIt`, when there is one core, or when `split` leaves a
/// side empty. Returns whether the work was split.
template <typename Work>
bool runInTwo(HelperThread& helper, std::size_t count, std::size_t split, bool worthIt,
              Work&& work) {
    if (!worthIt || !HelperThread::available() || split == 0 || split >= count) {
        work(std::size_t(0), count);
        return false;
    }
    helper.run([&] { work(std::size_t(0), split); });
    work(split, count);
    helper.wait();
    return true;
}

} // namespace tokenomics
