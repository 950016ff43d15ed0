#include "Parallel.h"

#include <utility>

namespace tokenomics {

HelperThread::~HelperThread() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable())
        thread_.join();
}

bool HelperThread::available() {
    static const bool twoCores = std::thread::hardware_concurrency() >= 2;
    return twoCores;
}

void HelperThread::run(std::function<void()> task) {
    {
        const std::lock_guard lock(mutex_);
        if (!thread_.joinable())
            thread_ = std::thread([this] { loop(); });
        task_ = std::move(task);
        busy_ = true;
    }
    wake_.notify_one();
}

void HelperThread::wait() {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return !busy_; });
    if (error_)
        std::rethrow_exception(std::exchange(error_, nullptr));
}

void HelperThread::loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return busy_ || stopping_; });
        if (stopping_)
            return;
        auto task = std::move(task_);
        lock.unlock();
        std::exception_ptr error;
        try {
            task();
        } catch (...) {
            error = std::current_exception();
        }
        lock.lock();
        error_ = error;
        busy_ = false;
        done_.notify_one();
    }
}

} // namespace tokenomics
