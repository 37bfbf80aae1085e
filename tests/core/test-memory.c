/* test-memory.c — the heap set up for syncs in a row (rules.md 44):
 * hc_memory_init() starts the program again, once, with the same
 * arguments and environment, with glibc's per-thread caches off, one
 * arena for every thread and GLib's slice allocator off, and passes none
 * of its settings on; a user's own settings are left alone.
 *
 * hc_memory_prefault() maps memory ahead of allocations, which then
 * take no page fault each. hc_memory_init_command() turns glibc's fast
 * bins off.
 *
 * This program runs itself as a child (--child), which reports what it
 * got after hc_memory_init() on its standard output.
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* RUSAGE_THREAD */
#define _GNU_SOURCE 1

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "hc-memory.h"

#define STARTS_VARIABLE "HC_TEST_MEMORY_STARTS"

static void * volatile kept;

/* A freed 40-byte block goes to the thread's cache, which the arena
 * counts as in use, or to the arena's fast bins. */
static gboolean
thread_cache_on (void)
{
  struct mallinfo2 before, after;

  kept = malloc (40);
  before = mallinfo2 ();
  free (kept);
  after = mallinfo2 ();
  return after.fsmblks == before.fsmblks;
}

static gpointer
allocate_thread (gpointer data)
{
  return malloc (1000);
}

/* The heaps malloc_info() lists once another thread has allocated. */
static guint
count_heaps (void)
{
  g_autoptr (GThread) thread = g_thread_new ("allocate", allocate_thread, NULL);
  void *block = g_thread_join (g_steal_pointer (&thread));
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream (&text, &size);
  guint n = 0;

  malloc_info (0, out);
  fclose (out);
  for (const char *p = text; (p = strstr (p, "<heap nr=")) != NULL; p++)
    n++;
  free (text);
  free (block);
  return n;
}

/* GLib's slice allocator gives each block its own malloc() when it is off
 * (G_SLICE=always-malloc), and carves blocks out of slabs otherwise. */
static gboolean
slice_uses_malloc (void)
{
  enum { N = 100, SIZE = 72 };
  static void *blocks[N];
  struct mallinfo2 before, after;
  size_t chunk;

  kept = malloc (SIZE);
  chunk = malloc_usable_size (kept) + sizeof (size_t);
  free (kept);
  before = mallinfo2 ();
  for (guint i = 0; i < N; i++)
    blocks[i] = g_slice_alloc (SIZE);
  after = mallinfo2 ();
  for (guint i = 0; i < N; i++)
    g_slice_free1 (SIZE, blocks[i]);
  /* 100 blocks of 72 bytes: 8,000 bytes in chunks of their own (fewer if
   * some came from the thread's cache), at least two 4 KiB slabs and the
   * magazines otherwise (18 KiB here). */
  return after.uordblks - before.uordblks <= N * chunk + chunk;
}

/* Page faults of the calling thread so far. */
static long
thread_faults (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_THREAD, &usage), ==, 0);
  return usage.ru_minflt;
}

#define PREFAULT_BYTES (8 * 1024 * 1024)
#define PREFAULT_BLOCK 1000

/* In a thread of its own (an arena of its own, fresh memory): the faults
 * that allocating and writing 8 MiB in small blocks takes, after
 * hc_memory_prefault() of that much when @prefault. */
static gpointer
allocate_fresh_thread (gpointer data)
{
  gboolean prefault = GPOINTER_TO_INT (data);
  guint n = PREFAULT_BYTES / PREFAULT_BLOCK;
  g_autofree char **blocks = g_new (char *, n);
  long before;
  long faults;

  /* the thread's arena made, and its bookkeeping touched */
  free (malloc (64));
  if (prefault)
    hc_memory_prefault (PREFAULT_BYTES);
  before = thread_faults ();
  for (guint i = 0; i < n; i++)
    {
      blocks[i] = malloc (PREFAULT_BLOCK);
      memset (blocks[i], 1, PREFAULT_BLOCK);
    }
  faults = thread_faults () - before;
  for (guint i = 0; i < n; i++)
    free (blocks[i]);
  return GSIZE_TO_POINTER ((gsize) faults);
}

static long
faults_allocating (gboolean prefault)
{
  GThread *thread = g_thread_new ("allocate", allocate_fresh_thread, GINT_TO_POINTER (prefault));

  return (long) GPOINTER_TO_SIZE (g_thread_join (thread));
}

static void
test_prefault (void)
{
#ifdef HC_MEMORY_UNDER_ASAN
  g_test_skip ("AddressSanitizer has its own allocator");
#else
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  void *probe = mmap (NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  gboolean populates;
  long without, with;

  g_assert_true (probe != MAP_FAILED);
  populates = madvise (probe, page, 23 /* MADV_POPULATE_WRITE */) == 0 || errno != EINVAL;
  munmap (probe, page);
  if (!populates)
    {
      g_test_skip ("The kernel cannot populate memory ahead (Linux 5.14 and later can)");
      return;
    }

  /* as HcSync sets the heap up for syncs: a freed top kept up to 64 MiB
   * (glibc's own threshold gives most of it back at once) */
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
  mallopt (M_TRIM_THRESHOLD, 64 * 1024 * 1024);

  /* without: a fault a page, 2,048 for 8 MiB */
  without = faults_allocating (FALSE);
  with = faults_allocating (TRUE);
  g_test_message ("faults allocating 8 MiB: %ld, %ld after hc_memory_prefault()", without, with);
  g_assert_cmpint (without, >=, PREFAULT_BYTES / (gsize) page / 2);
  g_assert_cmpint (with, <, without / 10);
#endif
}

static int
child_main (int   argc,
            char *argv[])
{
  const char *names[] = { "GLIBC_TUNABLES", "G_SLICE", "HEADCOUNT_HEAP_SET", "HC_TEST_KEEP" };

  for (int i = 0; i < argc; i++)
    printf ("arg %s\n", argv[i]);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    printf ("env %s=%s\n", names[i], g_getenv (names[i]) ? g_getenv (names[i]) : "(unset)");
  printf ("thread cache %s\n", thread_cache_on () ? "on" : "off");
  printf ("heaps %u\n", count_heaps ());
  printf ("slice %s\n", slice_uses_malloc () ? "malloc" : "magazines");
  return 0;
}

/* Runs this program with --child and @args, in the test's environment
 * without the variables hc_memory_init() reads, plus @extra ("NAME=value",
 * NULL-terminated); its report, and how many times it started. */
static char *
run_child (const char * const *args,
           const char * const *extra,
           guint              *starts)
{
  g_autofree char *dir = g_dir_make_tmp ("hc-test-memory-XXXXXX", NULL);
  g_autofree char *log = g_build_filename (dir, "starts", NULL);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (GStrv) envp = g_get_environ ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *starts_text = NULL;
  int status = 0;

  g_assert_nonnull (dir);
  g_ptr_array_add (argv, (gpointer) g_test_get_filename (G_TEST_BUILT, "core", "test-memory", NULL));
  g_ptr_array_add (argv, (gpointer) "--child");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_unsetenv (envp, "GLIBC_TUNABLES");
  envp = g_environ_unsetenv (envp, "G_SLICE");
  envp = g_environ_unsetenv (envp, "HEADCOUNT_HEAP_SET");
  envp = g_environ_setenv (envp, STARTS_VARIABLE, log, TRUE);
  for (guint i = 0; extra[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (extra[i], "=", 2);

      envp = g_environ_setenv (envp, pair[0], pair[1], TRUE);
    }

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (log, &starts_text, NULL, NULL));
  *starts = (guint) strlen (starts_text);
  g_unlink (log);
  g_rmdir (dir);
  return g_steal_pointer (&out);
}

static void
test_restarted_once (void)
{
  const char *args[] = { "two words", "", "--flag=é", NULL };
  const char *extra[] = { "HC_TEST_KEEP=kept value", NULL };
  guint starts = 0;
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;

#ifdef HC_MEMORY_UNDER_ASAN
  g_test_skip ("AddressSanitizer has its own allocator: nothing is restarted under it");
  return;
#endif
  out = run_child (args, extra, &starts);
  expected = g_strdup_printf ("arg %s\narg --child\narg two words\narg \narg --flag=é\n"
                              "env GLIBC_TUNABLES=(unset)\nenv G_SLICE=(unset)\n"
                              "env HEADCOUNT_HEAP_SET=(unset)\nenv HC_TEST_KEEP=kept value\n"
                              "thread cache off\nheaps 1\nslice malloc\n",
                              g_test_get_filename (G_TEST_BUILT, "core", "test-memory", NULL));
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpuint (starts, ==, 2);
}

/* Someone who set glibc's tunables or G_SLICE (valgrind users do) keeps
 * them, and the program is not started again; one arena still holds. */
static void
test_user_settings_kept (void)
{
  const char *args[] = { NULL };
  const char *slice[] = { "G_SLICE=always-malloc", NULL };
  const char *tunables[] = { "GLIBC_TUNABLES=glibc.malloc.tcache_count=3", NULL };
  guint starts = 0;
  g_autofree char *out = NULL;

#ifdef HC_MEMORY_UNDER_ASAN
  g_test_skip ("AddressSanitizer has its own allocator: nothing is restarted under it");
  return;
#endif
  out = run_child (args, slice, &starts);
  g_assert_cmpuint (starts, ==, 1);
  g_assert_nonnull (strstr (out, "env G_SLICE=always-malloc\n"));
  g_assert_nonnull (strstr (out, "thread cache on\nheaps 1\nslice malloc\n"));
  g_clear_pointer (&out, g_free);

  out = run_child (args, tunables, &starts);
  g_assert_cmpuint (starts, ==, 1);
  g_assert_nonnull (strstr (out, "env GLIBC_TUNABLES=glibc.malloc.tcache_count=3\nenv G_SLICE=(unset)\n"));
  g_assert_nonnull (strstr (out, "thread cache on\nheaps 1\nslice magazines\n"));
}

/* Bytes glibc holds in its "fast bins" after @n small blocks are freed */
static size_t
fast_bin_bytes_after_frees (guint n)
{
  void *blocks[64];

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (blocks));
  for (guint i = 0; i < n; i++)
    blocks[i] = malloc (48);
  /* every other one: no two free neighbours merge on the way */
  for (guint i = 0; i < n; i += 2)
    free (blocks[i]);
  for (guint i = 1; i < n; i += 2)
    free (blocks[i]);
  return mallinfo2 ().fsmblks;
}

/* A command's heap (hc_memory_init_command()): small blocks freed go
 * back to the free lists, none waits in a fast bin to be merged when a
 * larger block is asked for. */
static void
test_command_without_fast_bins (void)
{
#ifdef HC_MEMORY_UNDER_ASAN
  g_test_skip ("AddressSanitizer has its own allocator");
#else
  /* as the app's heap is (this program's): freed small blocks wait */
  g_assert_cmpuint (fast_bin_bytes_after_frees (32), >, 0);
  hc_memory_init_command ();
  g_assert_cmpuint (fast_bin_bytes_after_frees (32), ==, 0);
#endif
}

int
main (int   argc,
      char *argv[])
{
  const char *starts = g_getenv (STARTS_VARIABLE);

  if (starts != NULL)
    {
      int fd = open (starts, O_WRONLY | O_CREAT | O_APPEND, 0600);

      if (fd < 0 || write (fd, "s", 1) != 1)
        return 3;
      close (fd);
    }
  hc_memory_init (argv);
  if (argc > 1 && g_str_equal (argv[1], "--child"))
    return child_main (argc, argv);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/memory/restarted-once", test_restarted_once);
  g_test_add_func ("/memory/user-settings-kept", test_user_settings_kept);
  g_test_add_func ("/memory/prefault", test_prefault);
  /* last: it changes this program's heap */
  g_test_add_func ("/memory/command-without-fast-bins", test_command_without_fast_bins);
  return g_test_run ();
}
