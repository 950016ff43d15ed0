#include "Parallel.h"

#include <algorithm>

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

bool HelperThread::offer(std::function<void()> task) {
    {
        const std::lock_guard lock(mutex_);
        if (busy_)
            return false;
        if (!thread_.joinable())
            thread_ = std::thread([this] { loop(); });
        task_ = std::move(task);
        busy_ = true;
    }
    wake_.notify_one();
    return true;
}

void HelperThread::loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return busy_ || stopping_; });
        if (stopping_)
            return;
        auto task = std::move(task_);
        lock.unlock();
        task(); // forEachChunk's tasks catch what the work throws
        task = nullptr;
        lock.lock();
        busy_ = false;
    }
}

std::vector<std::size_t> pointBalancedChunks(const std::vector<std::uint32_t>& seriesStart,
                                             std::size_t chunkCount) {
    if (seriesStart.empty())
        return std::vector<std::size_t>(chunkCount + 1, 0);
    const std::size_t seriesCount = seriesStart.size() - 1;
    std::vector<std::size_t> bounds(chunkCount + 1, seriesCount);
    bounds[0] = 0;
    const double points = double(seriesStart.back());
    for (std::size_t c = 1; c < chunkCount; ++c) {
        const auto target = static_cast<std::uint32_t>(points * double(c) / double(chunkCount));
        const auto at = std::lower_bound(seriesStart.begin(), seriesStart.end() - 1, target);
        bounds[c] = std::max(bounds[c - 1], static_cast<std::size_t>(at - seriesStart.begin()));
    }
    return bounds;
}

} // namespace tokenomics
