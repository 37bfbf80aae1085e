/* hc-memory.c — the process's heap between syncs (rules.md 44)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#ifdef __GLIBC__
#include <errno.h>
#include <malloc.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "hc-memory.h"
#include "hc-simdjson.h"

/* Set in the environment of the program started again, for it alone. */
#define RESTARTED_VARIABLE "HEADCOUNT_HEAP_SET"

/* hc_memory_init() was called: the process outlives its syncs. */
static gboolean stays_open;

/**
 * hc_memory_init:
 * @argv: main()'s argument vector, as main() got it
 *
 * Sets the process's heap up for syncs that follow one another in it
 * (rules.md 44). Call it first in main(), before any thread starts and
 * before the arguments are parsed: it may start the program again, once,
 * with the same arguments and environment.
 *
 * Between two syncs the heap must hold what the app holds, not what the
 * worker threads of the last sync happened to keep. glibc keeps up to 7
 * freed blocks of each small size in a cache per thread, out of reach of
 * malloc_trim(), each pinning its page; every thread gets an arena of its
 * own, whose top malloc_trim() never gives back; GLib 2.74's slice
 * allocator keeps magazines of freed blocks per thread. Over 300 syncs
 * in a row the resident memory grew by 4 to 14 %; with the three off it
 * stays flat. One arena is set here (mallopt() works before any thread
 * asks for one); the thread caches and the slice allocator can only be
 * turned off before the process starts (GLIBC_TUNABLES, G_SLICE, as GLib
 * 2.76 does by itself), hence the new start. Its settings are then
 * removed from the environment, so that what the program starts runs as
 * usual. Nothing is restarted when the user set GLIBC_TUNABLES or G_SLICE
 * (valgrind and heaptrack users do), under AddressSanitizer, or when the
 * program was started through ld.so.
 */
void
hc_memory_init (char **argv)
{
  stays_open = TRUE;
#if defined(__GLIBC__) && !defined(HC_MEMORY_UNDER_ASAN)
  if (getenv (RESTARTED_VARIABLE) != NULL)
    {
      /* GLib reads G_SLICE at the first slice allocation: now, before the
       * variable goes. */
      g_slice_free1 (8, g_slice_alloc (8));
      unsetenv (RESTARTED_VARIABLE);
      unsetenv ("GLIBC_TUNABLES");
      unsetenv ("G_SLICE");
    }
  else if (argv != NULL && argv[0] != NULL && getenv ("GLIBC_TUNABLES") == NULL &&
           getenv ("G_SLICE") == NULL && getauxval (AT_BASE) != 0)
    {
      setenv (RESTARTED_VARIABLE, "1", 1);
      setenv ("GLIBC_TUNABLES", "glibc.malloc.tcache_count=0", 1);
      setenv ("G_SLICE", "always-malloc", 1);
      execv ("/proc/self/exe", argv);
      /* Not started again (no /proc): it runs as it is. */
      unsetenv (RESTARTED_VARIABLE);
      unsetenv ("GLIBC_TUNABLES");
      unsetenv ("G_SLICE");
    }
  mallopt (M_ARENA_MAX, 1);
#endif
}

/**
 * hc_memory_init_command:
 *
 * Sets the heap of a process that runs one command and ends (rules.md
 * 44): glibc's thread caches and arenas stay, and freed small blocks go
 * back to the free lists at once rather than to glibc's "fast bins".
 * Decoding a page of employees frees a score of small strings per
 * employee and then asks for a block of a kilobyte (its compact record),
 * a size for which glibc first merges every block in the fast bins: once
 * per employee. Without fast bins, a first sync of 100,000 employees
 * takes less CPU and its peak is 5 MB lower. Call it first in main().
 */
void
hc_memory_init_command (void)
{
#if defined(__GLIBC__) && !defined(HC_MEMORY_UNDER_ASAN)
  mallopt (M_MXFAST, 0);
#endif
}

/**
 * hc_memory_release:
 *
 * Gives back what the sync that just ended held (rules.md 44), once the
 * sync is freed: the JSON parsers kept for its largest pages, then, in a
 * process set up by hc_memory_init(), the free pages of every thread's
 * heap, which glibc keeps otherwise. A process that ends with its command
 * (headcount-cli) skips the trim: its pages go back when it exits, and
 * trimming a 100,000-employee sync's heap costs a fifth of a second.
 */
void
hc_memory_release (void)
{
  hc_sj_parsers_trim ();
#ifdef __GLIBC__
  if (stays_open)
    malloc_trim (0);
#endif
}

#if defined(__GLIBC__) && defined(__linux__) && !defined(HC_MEMORY_UNDER_ASAN)
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23   /* Linux 5.14 */
#endif

/* Under the mmap threshold hc-sync.c sets (128 KiB): a block from the
 * thread's heap. */
#define PREFAULT_BLOCK (96 * 1024)
/* At most this much at a time: glibc trims a heap whose free top passes
 * the trim threshold hc-sync.c sets (64 MiB). */
#define PREFAULT_MAX (32 * 1024 * 1024)

/* FALSE once the kernel refused (older than 5.14) */
static gboolean populate_works = TRUE;
#endif

/**
 * hc_memory_prefault:
 * @bytes: about how much the calling thread is about to allocate
 *
 * Maps @bytes of the calling thread's heap in one request to the system,
 * ahead of the many small allocations that follow. Memory a heap gets
 * from the system is mapped on its first touch, a page fault for each 4
 * KiB page; on the virtual machines Headcount is measured on, a page
 * touched fresh costs 12 µs, so a first sync of 100,000 employees spent
 * about a sixth of its time on them (66,000 faults, most for the plan's
 * items and the decoded records). Mapped in one request
 * (MADV_POPULATE_WRITE), a page costs 0.9 µs, and 5.4 µs more at its
 * first touch (the virtual machine's own mapping): half. The blocks are
 * freed right away: they join the heap's free top, where the next
 * allocations find them, as long as the heap keeps a free top that large
 * (the trim threshold HcSync sets).
 *
 * A hint: nothing happens on a kernel before 5.14, outside glibc, or
 * under AddressSanitizer; @bytes is capped at 32 MiB a call.
 */
void
hc_memory_prefault (gsize bytes)
{
#if defined(__GLIBC__) && defined(__linux__) && !defined(HC_MEMORY_UNDER_ASAN)
  gpointer blocks[PREFAULT_MAX / PREFAULT_BLOCK];
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  guint n;

  if (!g_atomic_int_get (&populate_works) || bytes == 0)
    return;
  n = (guint) ((MIN (bytes, PREFAULT_MAX) + PREFAULT_BLOCK - 1) / PREFAULT_BLOCK);
  for (guint i = 0; i < n; i++)
    {
      guintptr start;

      blocks[i] = malloc (PREFAULT_BLOCK);
      if (blocks[i] == NULL)
        {
          n = i;
          break;
        }
      /* the whole pages inside the block */
      start = ((guintptr) blocks[i] + page - 1) & ~(guintptr) (page - 1);
      if (madvise ((void *) start, PREFAULT_BLOCK - page, MADV_POPULATE_WRITE) != 0 && errno == EINVAL)
        g_atomic_int_set (&populate_works, FALSE);
    }
  /* the last first: each joins the free top as the one above it did */
  for (guint i = n; i > 0; i--)
    free (blocks[i - 1]);
#endif
}
