/* bench-spawn.c — runs a command and writes its own peak RSS and CPU time
 *
 *   bench-spawn RESULT_FILE COMMAND [ARG…]
 *
 * bench-sync runs each step through this small program. A child forked
 * from a big process starts with the parent's pages in its memory
 * counters, and Linux keeps that high-water mark across exec (vfork and
 * posix_spawn too: exec records the old address space's peak), so wait4's
 * ru_maxrss of a step spawned by the benchmark, which holds 100,000
 * employees for its fake server, counted the benchmark's memory. Forked
 * from this process instead, a step starts from a few hundred kilobytes:
 * its ru_maxrss is its own.
 *
 * Writes "exit_status max_rss_kb user_us system_us" to RESULT_FILE and
 * exits with the command's status (127 when it cannot run). No GLib, so
 * that this process stays small.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int
main (int   argc,
      char *argv[])
{
  struct rusage usage;
  FILE *out;
  pid_t pid;
  int status = 0;

  if (argc < 3)
    {
      fprintf (stderr, "usage: bench-spawn RESULT_FILE COMMAND [ARG…]\n");
      return 2;
    }

  pid = fork ();
  if (pid < 0)
    {
      perror ("bench-spawn: fork");
      return 127;
    }
  if (pid == 0)
    {
      execvp (argv[2], argv + 2);
      fprintf (stderr, "bench-spawn: %s: %s\n", argv[2], strerror (errno));
      _exit (127);
    }

  while (wait4 (pid, &status, 0, &usage) < 0)
    {
      if (errno != EINTR)
        {
          perror ("bench-spawn: wait4");
          return 127;
        }
    }

  out = fopen (argv[1], "w");
  if (out == NULL)
    {
      perror (argv[1]);
      return 127;
    }
  fprintf (out, "%d %ld %lld %lld\n", status, usage.ru_maxrss,
           (long long) usage.ru_utime.tv_sec * 1000000 + usage.ru_utime.tv_usec,
           (long long) usage.ru_stime.tv_sec * 1000000 + usage.ru_stime.tv_usec);
  if (fclose (out) != 0)
    return 127;

  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return 128 + (WIFSIGNALED (status) ? WTERMSIG (status) : 0);
}
