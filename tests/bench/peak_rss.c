/* Runs a command and writes its peak resident set (kB, wait4's ru_maxrss) and its CPU time
 * (user + system seconds) to a file.
 * A fork keeps the parent's resident-set high-water mark, so a large benchmark process cannot
 * measure its children directly; this launcher is small, so its children's figure is theirs.
 * Usage: peak_rss OUT_FILE COMMAND [ARGS...]; exits with the command's status. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char** argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: peak_rss OUT_FILE COMMAND [ARGS...]\n");
        return 2;
    }
    const pid_t pid = fork();
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status = 0;
    struct rusage usage;
    if (pid < 0 || wait4(pid, &status, 0, &usage) < 0) {
        perror("peak_rss");
        return 126;
    }
    FILE* out = fopen(argv[1], "w");
    if (out) {
        const double cpu_seconds =
            (double)usage.ru_utime.tv_sec + (double)usage.ru_stime.tv_sec +
            ((double)usage.ru_utime.tv_usec + (double)usage.ru_stime.tv_usec) / 1e6;
        fprintf(out, "%ld %.6f\n", usage.ru_maxrss, cpu_seconds);
        fclose(out);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
