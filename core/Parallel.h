#pragma once
/// Splitting a loop over two threads when it is large enough to repay starting one.

#include <cstddef>
#include <thread>

namespace tokenomics {

/// Runs work(0, split) on a second thread and work(split, count) on this one, or
/// work(0, count) here alone when the work is small or the machine has one core.
/// `split` is chosen by the caller (e.g. to balance points rather than series). Returns
/// whether the work was split.
template <typename Work>
bool runInTwo(std::size_t count, std::size_t split, bool worthIt, Work&& work) {
    static const bool twoCores = std::thread::hardware_concurrency() >= 2;
    if (!worthIt || !twoCores || split == 0 || split >= count) {
        work(std::size_t(0), count);
        return false;
    }
    std::thread helper([&] { work(std::size_t(0), split); });
    work(split, count);
    helper.join();
    return true;
}

} // namespace tokenomics
