// Child processes are spawned through peak_rss (fork + wait4 in a small process) so that each
// one's peak memory is its own: RUSAGE_CHILDREN would give the largest child so far, and a
// child forked from this process inherits our resident-set high-water mark.
#include "BenchSupport.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace tokenomics::bench {

double median(std::vector<double> values) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

double monotonicSeconds() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

double processCpuSeconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

namespace {
std::string readWhole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string temporaryPath(const char* stem) {
    char pattern[64];
    std::snprintf(pattern, sizeof pattern, "/tmp/tokenomics-bench-%s-XXXXXX", stem);
    const int descriptor = mkstemp(pattern);
    if (descriptor >= 0)
        close(descriptor);
    return pattern;
}
} // namespace

ChildRun runChild(const std::vector<std::string>& argv, bool keepOutput,
                  const std::vector<std::string>& environment) {
    ChildRun run;
    const std::string outPath = keepOutput ? temporaryPath("out") : std::string("/dev/null");
    const std::string errPath = temporaryPath("err");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outPath.c_str(),
                                     O_WRONLY | O_TRUNC | O_CREAT, 0600);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errPath.c_str(),
                                     O_WRONLY | O_TRUNC | O_CREAT, 0600);
    // Through peak_rss: a child forked from this large process would report our peak as its own.
    const std::string rssPath = temporaryPath("rss");
    std::vector<std::string> command = {PEAK_RSS_EXE, rssPath};
    command.insert(command.end(), argv.begin(), argv.end());
    std::vector<char*> arguments;
    for (const auto& argument : command)
        arguments.push_back(const_cast<char*>(argument.c_str()));
    arguments.push_back(nullptr);
    // Our environment minus the names the additions set, then the additions.
    std::vector<std::string> merged;
    for (char** variable = environ; *variable; ++variable) {
        const std::string entry = *variable;
        const std::string name = entry.substr(0, entry.find('='));
        const bool overridden =
            std::any_of(environment.begin(), environment.end(), [&](const auto& e) {
                return e.compare(0, name.size() + 1, name + "=") == 0;
            });
        if (!overridden)
            merged.push_back(entry);
    }
    merged.insert(merged.end(), environment.begin(), environment.end());
    std::vector<char*> variables;
    for (auto& entry : merged)
        variables.push_back(entry.data());
    variables.push_back(nullptr);

    pid_t pid = 0;
    run.startedAtSeconds = monotonicSeconds();
    const int spawned =
        posix_spawnp(&pid, arguments[0], &actions, nullptr, arguments.data(), variables.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        run.errors = command[0] + ": " + std::strerror(spawned);
        unlink(errPath.c_str());
        return run;
    }
    run.started = true;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    run.wallSeconds = monotonicSeconds() - run.startedAtSeconds;
    std::istringstream measured(readWhole(rssPath));
    double maxRssKb = 0;
    measured >> maxRssKb >> run.cpuSeconds;
    run.maxRssMb = maxRssKb / 1024.0;
    unlink(rssPath.c_str());
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (keepOutput) {
        run.output = readWhole(outPath);
        unlink(outPath.c_str());
    }
    run.errors = readWhole(errPath);
    unlink(errPath.c_str());
    return run;
}

std::string machineDescription() {
    std::string model = "unknown CPU";
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);) {
        if (line.rfind("model name", 0) == 0) {
            model = line.substr(line.find(':') + 2);
            break;
        }
    }
    double memoryGib = 0;
    std::ifstream meminfo("/proc/meminfo");
    for (std::string line; std::getline(meminfo, line);) {
        if (line.rfind("MemTotal:", 0) == 0) {
            memoryGib = std::stod(line.substr(9)) / 1024.0 / 1024.0;
            break;
        }
    }
    char text[256];
    std::snprintf(text, sizeof text, "nproc %u, %s, %.1f GiB RAM",
                  std::thread::hardware_concurrency(), model.c_str(), memoryGib);
    return text;
}

std::string loadAverage() {
    std::ifstream file("/proc/loadavg");
    std::string one, five, fifteen;
    file >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

} // namespace tokenomics::bench
