/* hc-plan-dialog.c — the preview of a sync: every change before it happens
 *
 * The plan (rules.md 12, 18, 20) shown to a person: a sidebar of categories with their
 * counts, and the selected category's people in a GtkListView with a
 * search, so that 100,000 employees cost the rows on screen, not one
 * widget each. A category's entries are made the first time it shows.
 * Archives are approved one by one or all at once; the ones left alone
 * stay staged. The first sync, and more archives than the safety
 * threshold, wait for a check button that names the number (rules.md 12).
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-plan-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hc-member.h"
#include "hc-dialog-host.h"
#include "hc-format.h"
#include "hc-plan-dialog.h"
#include "hc-plan-item-row.h"
#include "hc-reveal-model.h"
#include "hc-scim-push.h"

struct _HcPlanDialog
{
  AdwBin              parent_instance;

  /* Template widgets */
  AdwHeaderBar       *header_bar;
  AdwWindowTitle     *window_title;
  GtkButton          *cancel_button;
  GtkButton          *apply_button;
  AdwLeaflet         *leaflet;
  GtkListBox         *sidebar_list;
  GtkLabel           *category_title;
  GtkLabel           *category_description;
  GtkWidget          *archive_box;
  GtkLabel           *archive_label;
  GtkSearchEntry     *search_entry;
  GtkWidget          *search_separator;
  GtkStack           *content_stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_status;
  AdwStatusPage      *no_results_status;
  AdwStatusPage      *nothing_status;
  GtkWidget          *footer;
  GtkLabel           *summary_label;
  GtkLabel           *reason_label;
  GtkLabel           *staged_label;
  GtkCheckButton     *confirm_check;

  /* Owned state */
  HcPlan             *plan;
  char               *connector_name;
  HcExplainer        *explainer;
  GCancellable       *cancellable;
  GListStore         *stores[HC_PLAN_N_CATEGORIES];   /* NULL until shown */
  gboolean            loading[HC_PLAN_N_CATEGORIES];  /* its entries still being made */
  gboolean            drawn;              /* its first frame is on screen: loading
                                           * lists are made from then on */
  GHashTable         *archives;           /* member id (gint64*) → HcPlanEntry */
  GtkListBoxRow      *rows[HC_PLAN_N_CATEGORIES];
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  char               *search_text;
  char               *search_folded;
  char               *confirm_text;       /* the check button's label as last shown */
  gboolean            test_instance;
  HcPlanCategory      category;
  gboolean            nothing;            /* the plan changes nothing */
  gboolean            responded;
  gboolean            setting_search;     /* the entry's text set from code */
  GPtrArray          *deliveries;         /* HcScimPushResult*: what each destination will receive */
  GtkListBox         *delivery_list;      /* the "delivery" page of content_stack */
  GtkWidget          *delivery_pending;   /* the sidebar's row while they are worked out */
  guint               delivery_pending_id; /* shows it, unless they came first */
  gboolean            disconnect;         /* a disconnect's plan (rules.md 47) */
  char               *title;
  HcDialogHost       *host;               /* weak: the window's host it shows in */
  GtkWindow          *window;             /* weak: its own window when there is no host */
};

/* How long the deliveries may take before a row says they are coming. */
#define DELIVERY_PENDING_DELAY_MS 200

/* A delivery's sidebar row: "hc-category" past the plan's categories. */
#define DELIVERY_CATEGORY(i) ((HcPlanCategory) (HC_PLAN_N_CATEGORIES + 1 + (i)))

G_DEFINE_FINAL_TYPE (HcPlanDialog, hc_plan_dialog, ADW_TYPE_BIN)

enum {
  SIGNAL_RESPONSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Categories */

static guint
count_category (HcPlanDialog  *self,
                HcPlanCategory category)
{
  if (category < (HcPlanCategory) HC_PLAN_N_KINDS)
    return hc_plan_count (self->plan, (HcPlanKind) category);
  if (category == HC_PLAN_CATEGORY_WARNINGS)
    return hc_plan_get_warnings (self->plan)->len;
  if (category == HC_PLAN_CATEGORY_UPCOMING)
    return hc_plan_get_upcoming (self->plan)->len;
  if (category == HC_PLAN_CATEGORY_GROUPS)
    return hc_plan_get_group_plan (self->plan) != NULL
           ? hc_group_plan_get_changes (hc_plan_get_group_plan (self->plan))->len : 0;

  g_return_val_if_reached (0);
}

static const char *
describe_heading (HcPlanCategory category)
{
  if (category < (HcPlanCategory) HC_PLAN_N_KINDS)
    return hc_plan_kind_describe ((HcPlanKind) category);
  if (category == HC_PLAN_CATEGORY_WARNINGS)
    return _("Warnings and conflicts");
  if (category == HC_PLAN_CATEGORY_GROUPS)
    return _("Groups and roles");
  return _("Upcoming hires, next 30 days");
}

static const char *
describe_category (HcPlanCategory category)
{
  switch (category)
    {
    case HC_PLAN_CATEGORY_INVITE:
      return _("Employees without a member yet: each becomes a member, invited to sign in. A test instance sends no invitation.");
    case HC_PLAN_CATEGORY_CREATE_NO_ACCESS:
      return _("Employees without an e-mail address: each becomes an active member without a login.");
    case HC_PLAN_CATEGORY_BECOME_MANAGED:
      return _("Existing members matched by employee ID or e-mail: HR manages them from now on, and their fields follow the HR system.");
    case HC_PLAN_CATEGORY_UPDATE:
      return _("Managed members whose fields changed in the HR system, field by field.");
    case HC_PLAN_CATEGORY_ARCHIVE:
      return _("Managed members who left the HR system or became inactive. Approve each archive, or all at once: an archive you do not approve stays staged and is proposed again next time.");
    case HC_PLAN_CATEGORY_UNMANAGE:
      return _("Members who left the scope: Headcount leaves them as they are and marks them as no longer managed.");
    case HC_PLAN_CATEGORY_SKIP:
      return _("Employees this sync leaves out, each with the reason.");
    case HC_PLAN_CATEGORY_UNCHANGED:
      return _("Managed members who are already up to date.");
    case HC_PLAN_CATEGORY_REMOVE:
      return _("Members the disconnected connector manages: each is deleted from the directory, with its groups, roles and invitations. Undo in History puts them back.");
    case HC_PLAN_CATEGORY_WARNINGS:
      return _("Conflicts in the HR data, each with what Headcount does about it.");
    case HC_PLAN_CATEGORY_UPCOMING:
      return _("Onboarding employees who enter the scope within the next 30 days. They are not synced yet.");
    case HC_PLAN_CATEGORY_GROUPS:
      return _("Members who join or leave a group, groups created or archived from the HR data, and roles from positions. Memberships and roles given by hand are never taken back.");
    case HC_PLAN_N_CATEGORIES:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* "Added to groups: 12 · Removed from groups: 3 · Groups archived: 1",
 * the kinds the plan has. (transfer full) */
static char *
describe_group_counts (HcGroupPlan *group_plan)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (HcGroupChangeKind kind = 0; kind < HC_GROUP_CHANGE_N_KINDS; kind++)
    {
      guint n = hc_group_plan_count (group_plan, kind);

      if (n > 0)
        /* Translators: a kind of group change and how many, "Added to groups: 12" */
        g_ptr_array_add (parts, g_strdup_printf (_("%s: %u"), hc_group_change_kind_describe (kind), n));
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
describe_empty (HcPlanCategory category,
                const char   **title,
                const char   **description)
{
  switch (category)
    {
    case HC_PLAN_CATEGORY_WARNINGS:
      *title = _("No Warnings");
      *description = _("Nothing in the HR data conflicts with the directory.");
      break;
    case HC_PLAN_CATEGORY_UPCOMING:
      *title = _("No Upcoming Hires");
      *description = _("Nobody enters the scope in the next 30 days.");
      break;
    case HC_PLAN_CATEGORY_SKIP:
      *title = _("Nobody Skipped");
      *description = _("Every employee of the HR system is synced.");
      break;
    default:
      *title = _("Nobody Here");
      *description = _("This sync has no one in this category.");
      break;
    }
}

/* The category's entries (transfer full), from the plan alone: what a
 * thread can make, nothing of the dialog read. */
static GPtrArray *
make_entries (HcPlan        *plan,
              HcPlanCategory category)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_object_unref);

  if (category < (HcPlanCategory) HC_PLAN_N_KINDS)
    {
      GPtrArray *items = hc_plan_get_items (plan);

      for (guint i = 0; i < items->len; i++)
        {
          HcPlanItem *item = g_ptr_array_index (items, i);

          if ((HcPlanCategory) item->kind == category)
            g_ptr_array_add (entries, hc_plan_entry_new_item (plan, item));
        }
    }
  else if (category == HC_PLAN_CATEGORY_GROUPS)
    {
      HcGroupPlan *group_plan = hc_plan_get_group_plan (plan);
      GPtrArray *changes = group_plan != NULL ? hc_group_plan_get_changes (group_plan) : NULL;

      for (guint i = 0; changes != NULL && i < changes->len; i++)
        g_ptr_array_add (entries, hc_plan_entry_new_group_change (plan, g_ptr_array_index (changes, i)));
    }
  else if (category == HC_PLAN_CATEGORY_WARNINGS)
    {
      GPtrArray *warnings = hc_plan_get_warnings (plan);

      for (guint i = 0; i < warnings->len; i++)
        g_ptr_array_add (entries, hc_plan_entry_new_warning (plan, g_ptr_array_index (warnings, i)));
    }
  else
    {
      GPtrArray *upcoming = hc_plan_get_upcoming (plan);

      for (guint i = 0; i < upcoming->len; i++)
        g_ptr_array_add (entries, hc_plan_entry_new_upcoming (plan, g_ptr_array_index (upcoming, i)));
    }
  return entries;
}

/* Entries a category made on the main thread at the most: more (90,000
 * invitations in a first sync of 100,000) are made in a thread, with the
 * text a search looks in, while the dialog opens. */
#define ENTRIES_IN_PLACE 2000

typedef struct
{
  HcPlan        *plan;
  HcPlanCategory category;
} MakeEntries;

static void
make_entries_free (MakeEntries *data)
{
  g_object_unref (data->plan);
  g_free (data);
}

static void
make_entries_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  MakeEntries *data = task_data;
  GPtrArray *entries = make_entries (data->plan, data->category);

  /* nobody else has them yet: the search's text worked out here, not on
   * the first keystroke */
  for (guint i = 0; i < entries->len && !g_cancellable_is_cancelled (cancellable); i++)
    hc_plan_entry_get_search_text (g_ptr_array_index (entries, i));
  g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

/* The entries (or stores) of @array let go of in a thread: 90,000 take a
 * tenth of a second and more to free. Nothing of them is GTK's. */
static void
free_in_thread_cb (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_ptr_array_set_size (task_data, 0);
  g_task_return_boolean (task, TRUE);
}

static void
free_in_thread (GPtrArray *array)
{
  g_autoptr (GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, array, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, free_in_thread_cb);
}

static void update_state (HcPlanDialog *self);

static void
entries_made_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HcPlanDialog *self = HC_PLAN_DIALOG (source);
  HcPlanCategory category = GPOINTER_TO_UINT (user_data);
  GPtrArray *entries = g_task_propagate_pointer (G_TASK (result), NULL);

  if (entries == NULL)
    return;
  /* closed meanwhile */
  if (self->stores[category] == NULL || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      free_in_thread (entries);
      return;
    }
  self->loading[category] = FALSE;
  /* One splice: one items-changed for the whole category. */
  g_list_store_splice (self->stores[category], 0, 0, entries->pdata, entries->len);
  g_ptr_array_unref (entries);
  update_state (self);
}

static void
start_making_entries (HcPlanDialog  *self,
                      HcPlanCategory category)
{
  g_autoptr (GTask) task = g_task_new (self, self->cancellable, entries_made_cb, GUINT_TO_POINTER (category));
  MakeEntries *data = g_new0 (MakeEntries, 1);

  data->plan = g_object_ref (self->plan);
  data->category = category;
  g_task_set_task_data (task, data, (GDestroyNotify) make_entries_free);
  g_task_run_in_thread (task, make_entries_thread);
}

/* The category's entries, made the first time they are asked for: a
 * long list in a thread (the store fills when they are made). */
static GListStore *
ensure_store (HcPlanDialog  *self,
              HcPlanCategory category)
{
  g_autoptr (GPtrArray) entries = NULL;

  if (self->stores[category] != NULL)
    return self->stores[category];

  self->stores[category] = g_list_store_new (HC_TYPE_PLAN_ENTRY);
  /* the archives are approved one by one from the start */
  if (count_category (self, category) > ENTRIES_IN_PLACE && category != HC_PLAN_CATEGORY_ARCHIVE)
    {
      self->loading[category] = TRUE;
      /* Not while the dialog draws its first frame: on two cores the
       * thread took one from the frame (a window's first frame lays out
       * and draws everything, and is the longest it draws). */
      if (self->drawn)
        start_making_entries (self, category);
      return self->stores[category];
    }

  entries = make_entries (self->plan, category);
  for (guint i = 0; category == HC_PLAN_CATEGORY_ARCHIVE && i < entries->len; i++)
    {
      HcPlanEntry *entry = g_ptr_array_index (entries, i);
      gint64 *id = g_new (gint64, 1);

      *id = hc_plan_entry_get_item (entry)->member_id;
      g_hash_table_insert (self->archives, id, entry);
    }
  /* One splice: one items-changed for the whole category. */
  g_list_store_splice (self->stores[category], 0, 0, entries->pdata, entries->len);

  return self->stores[category];
}

/* State */

static void
update_state (HcPlanDialog *self)
{
  const char *name;

  if (self->category == HC_PLAN_N_CATEGORIES)
    name = "nothing";
  else if (count_category (self, self->category) == 0)
    name = "empty";
  else if (self->loading[self->category])
    /* the list, empty for the moment it takes */
    name = "list";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    name = "no-results";
  else
    name = "list";

  gtk_stack_set_visible_child_name (self->content_stack, name);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry),
                            self->category != HC_PLAN_N_CATEGORIES &&
                            count_category (self, self->category) > 0);
}

static void
update_no_results (HcPlanDialog *self)
{
  g_autofree char *description = NULL;

  if (self->search_text == NULL || *self->search_text == '\0')
    return;

  /* Translators: %s is what the admin searched for */
  description = g_strdup_printf (_("Nobody in this category matches “%s”."), self->search_text);
  adw_status_page_set_description (self->no_results_status, description);
}

/* The confirmation's check button, naming the number (rules.md 12). */
static char *
describe_confirmation (HcPlanDialog *self)
{
  guint archives = hc_plan_count (self->plan, HC_PLAN_ARCHIVE) - hc_plan_count_staged (self->plan);
  guint n;

  if (hc_plan_is_first_sync (self->plan))
    {
      /* rules.md 14: a test instance records invitations, never sends them. */
      if (self->test_instance &&
          (n = hc_plan_count (self->plan, HC_PLAN_INVITE) +
               hc_plan_count (self->plan, HC_PLAN_CREATE_NO_ACCESS)) > 0)
        return g_strdup_printf (ngettext ("I _understand that this first sync creates %u member; a test instance sends no invitation",
                                          "I _understand that this first sync creates %u members; a test instance sends no invitation",
                                          n), n);
      if ((n = hc_plan_count (self->plan, HC_PLAN_INVITE)) > 0)
        return g_strdup_printf (ngettext ("I _understand that this first sync invites %u person",
                                          "I _understand that this first sync invites %u people", n), n);

      n = hc_plan_count (self->plan, HC_PLAN_CREATE_NO_ACCESS) +
          hc_plan_count (self->plan, HC_PLAN_BECOME_MANAGED) +
          hc_plan_count (self->plan, HC_PLAN_UPDATE) +
          hc_plan_count (self->plan, HC_PLAN_UNMANAGE) + archives;
      return g_strdup_printf (ngettext ("I _understand that this first sync changes %u member",
                                        "I _understand that this first sync changes %u members", n), n);
    }

  /* Members no longer managed weigh as much as archives (rules.md 12). */
  n = hc_plan_count (self->plan, HC_PLAN_UNMANAGE);
  if (n > 0 && archives == 0)
    return g_strdup_printf (ngettext ("I _understand that %u member will no longer be managed by HR",
                                      "I _understand that %u members will no longer be managed by HR", n), n);
  if (n > 0)
    /* Translators: "…archives 12 members, and 160 more will no longer be managed by HR" */
    return g_strdup_printf (ngettext ("I _understand that this sync archives %u member, and %u more will no longer be managed by HR",
                                      "I _understand that this sync archives %u members, and %u more will no longer be managed by HR",
                                      archives), archives, n);

  return g_strdup_printf (ngettext ("I _understand that this sync archives %u member",
                                    "I _understand that this sync archives %u members", archives),
                          archives);
}

/* "_Apply — 160 no longer managed": past the safety threshold, Apply names
 * what weighs (rules.md 12). (transfer full) */
static char *
describe_apply (HcPlanDialog *self)
{
  guint archives = hc_plan_count (self->plan, HC_PLAN_ARCHIVE) - hc_plan_count_staged (self->plan);
  guint unmanaged = hc_plan_count (self->plan, HC_PLAN_UNMANAGE);

  /* A disconnect's: the number it archives or removes (rules.md 47). */
  if (self->disconnect && hc_plan_count (self->plan, HC_PLAN_REMOVE) > 0)
    return g_strdup_printf (ngettext ("_Remove %u Member", "_Remove %u Members",
                                      hc_plan_count (self->plan, HC_PLAN_REMOVE)),
                            hc_plan_count (self->plan, HC_PLAN_REMOVE));
  if (self->disconnect)
    return g_strdup_printf (ngettext ("_Archive %u Member", "_Archive %u Members", archives), archives);

  if (!hc_plan_exceeds_safety_threshold (self->plan))
    return g_strdup (_("_Apply"));
  if (archives > 0 && unmanaged > 0)
    /* Translators: "Apply — 12 archived, 160 no longer managed" */
    return g_strdup_printf (_("_Apply — %u archived, %u no longer managed"), archives, unmanaged);
  if (unmanaged > 0)
    return g_strdup_printf (_("_Apply — %u no longer managed"), unmanaged);
  return g_strdup_printf (ngettext ("_Apply — %u archive", "_Apply — %u archives", archives), archives);
}

static void
update_summary (HcPlanDialog *self)
{
  guint archives = hc_plan_count (self->plan, HC_PLAN_ARCHIVE);
  guint staged = hc_plan_count_staged (self->plan);
  gboolean needs = hc_plan_dialog_get_needs_confirmation (self);
  g_autofree char *plan_text = hc_format_plan_sentence (self->plan);
  g_autoptr (GString) summary = g_string_new (NULL);

  /* What the sync does, in one sentence. */
  if (self->disconnect)
    {
      guint removed = hc_plan_count (self->plan, HC_PLAN_REMOVE);

      if (removed > 0)
        g_string_append_printf (summary, ngettext ("Disconnecting %s removes %u member from the directory.",
                                                   "Disconnecting %s removes %u members from the directory.",
                                                   removed), self->connector_name, removed);
      else
        g_string_append_printf (summary, ngettext ("Disconnecting %s archives %u member.",
                                                   "Disconnecting %s archives %u members.",
                                                   archives - staged), self->connector_name, archives - staged);
    }
  else if (plan_text != NULL)
    g_string_append (summary, plan_text);
  else
    g_string_append (summary, _("This sync changes no member."));
  g_string_append_c (summary, ' ');
  g_string_append (summary, _("Nothing is written to the HR system."));
  gtk_label_set_label (self->summary_label, summary->str);

  /* Archives: how many are approved, how many stay staged. */
  if (archives > 0)
    {
      g_autofree char *text = NULL;

      if (staged == 0)
        text = g_strdup_printf (ngettext ("%u archive approved",
                                          "All %u archives approved", archives), archives);
      else if (staged == archives)
        text = g_strdup_printf (ngettext ("%u archive staged: this sync archives nobody",
                                          "All %u archives staged: this sync archives nobody", archives),
                                archives);
      else
        /* Translators: "3 of 15 archives approved, 12 staged" */
        text = g_strdup_printf (ngettext ("%u of %u archive approved, %u staged",
                                          "%u of %u archives approved, %u staged", archives),
                                archives - staged, archives, staged);
      gtk_label_set_label (self->archive_label, text);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.approve-all-archives", staged > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.stage-all-archives", staged < archives);

  if (staged > 0)
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("%u archive stays staged: the member stays managed, and the next sync proposes the archive again.",
                                   "%u archives stay staged: the members stay managed, and the next sync proposes the archives again.",
                                   staged), staged);

      gtk_label_set_label (self->staged_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->staged_label), staged > 0 && !self->disconnect);

  /* rules.md 12: the first sync, or too many archives, waits for a tick that
   * names the number; a new number needs a new tick. */
  if (needs)
    {
      g_autofree char *text = describe_confirmation (self);

      if (g_strcmp0 (text, self->confirm_text) != 0)
        {
          g_free (self->confirm_text);
          self->confirm_text = g_steal_pointer (&text);
          gtk_check_button_set_label (self->confirm_check, self->confirm_text);
          /* "toggled" comes back here, with the new text already known */
          gtk_check_button_set_active (self->confirm_check, FALSE);
        }
    }
  else
    {
      g_clear_pointer (&self->confirm_text, g_free);
      gtk_check_button_set_active (self->confirm_check, FALSE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_check), needs);

  /* The first sync's reason repeats the summary; the threshold's says why. */
  gtk_label_set_label (self->reason_label,
                       needs && !hc_plan_is_first_sync (self->plan)
                         ? hc_plan_get_confirmation_reason (self->plan) : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label),
                          needs && !hc_plan_is_first_sync (self->plan));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.apply",
                                 !needs || gtk_check_button_get_active (self->confirm_check));

  /* Archiving is destructive, and so is taking more members than the
   * safety threshold out of HR's hands; the rest is suggested. */
  if (!self->nothing)
    {
      g_autofree char *apply = describe_apply (self);

      gtk_button_set_label (self->apply_button, apply);
    }
  if (archives - staged > 0 || hc_plan_exceeds_safety_threshold (self->plan) || self->disconnect)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->apply_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->apply_button), "destructive-action");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->apply_button), "destructive-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->apply_button), "suggested-action");
    }
}

static void
show_category (HcPlanDialog  *self,
               HcPlanCategory category)
{
  const char *empty_title = NULL, *empty_description = NULL;

  self->category = category;

  /* The plan changes nothing: the status page says it all. */
  gtk_widget_set_visible (GTK_WIDGET (self->category_title), category != HC_PLAN_N_CATEGORIES);
  gtk_widget_set_visible (GTK_WIDGET (self->category_description), category != HC_PLAN_N_CATEGORIES);
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), category != HC_PLAN_N_CATEGORIES);
  gtk_widget_set_visible (self->search_separator, category != HC_PLAN_N_CATEGORIES);

  if (category == HC_PLAN_N_CATEGORIES)
    {
      gtk_widget_set_visible (self->archive_box, FALSE);
      gtk_filter_list_model_set_model (self->filtered, NULL);
      update_state (self);
      return;
    }

  gtk_label_set_label (self->category_title, describe_heading (category));
  gtk_label_set_label (self->category_description,
                       self->disconnect && category == HC_PLAN_CATEGORY_ARCHIVE
                       ? _("Members the disconnected connector manages: each is archived and stays in the directory. Undo in History brings them back.")
                       : describe_category (category));
  if (category == HC_PLAN_CATEGORY_GROUPS && hc_plan_get_group_plan (self->plan) != NULL)
    {
      g_autofree char *counts = describe_group_counts (hc_plan_get_group_plan (self->plan));
      g_autofree char *text = g_strdup_printf ("%s\n%s", describe_category (category), counts);

      gtk_label_set_label (self->category_description, text);
    }
  /* a disconnect's archives are what was asked for: no staging */
  gtk_widget_set_visible (self->archive_box,
                          category == HC_PLAN_CATEGORY_ARCHIVE && !self->disconnect &&
                          count_category (self, category) > 0);

  describe_empty (category, &empty_title, &empty_description);
  adw_status_page_set_icon_name (self->empty_status, hc_plan_category_get_icon (category));
  adw_status_page_set_title (self->empty_status, empty_title);
  adw_status_page_set_description (self->empty_status, empty_description);

  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (ensure_store (self, category)));
  update_state (self);
}

/* Search */

static gboolean
entry_filter_func (gpointer item,
                   gpointer user_data)
{
  HcPlanDialog *self = user_data;

  if (self->search_folded == NULL || *self->search_folded == '\0')
    return TRUE;

  return strstr (hc_plan_entry_get_search_text (item), self->search_folded) != NULL;
}

static void
apply_search (HcPlanDialog *self,
              const char   *text)
{
  g_autofree char *folded = NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;
  const char *old = self->search_folded != NULL ? self->search_folded : "";

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->search_text != NULL ? self->search_text : "", text) == 0)
    return;

  g_free (self->search_text);
  self->search_text = g_strdup (text);

  /* Folded as the entries fold: "ZOÉ" finds "Zoé". */
  folded = g_strstrip (hc_member_fold_search_text (text));
  if (g_strcmp0 (old, folded) != 0)
    {
      /* typing on narrows, deleting widens: only the rows that can change
       * are checked again */
      if (strstr (folded, old) != NULL)
        change = GTK_FILTER_CHANGE_MORE_STRICT;
      else if (strstr (old, folded) != NULL)
        change = GTK_FILTER_CHANGE_LESS_STRICT;

      g_free (self->search_folded);
      self->search_folded = g_steal_pointer (&folded);
      gtk_filter_changed (GTK_FILTER (self->filter), change);
    }

  update_no_results (self);
  update_state (self);
}

/* Responses */

/* Emits @response (none when NULL), once, then takes the dialog out of
 * its window's host or closes its own window. */
static void
respond (HcPlanDialog *self,
         const char   *response)
{
  g_autoptr (HcPlanDialog) hold = g_object_ref (self);
  HcDialogHost *host;
  GtkWindow *window;

  if (self->responded)
    return;

  self->responded = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (response != NULL)
    g_signal_emit (self, signals[SIGNAL_RESPONSE], 0, response);

  host = self->host;
  window = self->window;
  g_clear_weak_pointer (&self->host);
  g_clear_weak_pointer (&self->window);
  if (host != NULL)
    hc_dialog_host_dismiss (host, GTK_WIDGET (self));
  if (window != NULL)
    gtk_window_destroy (window);
}

void
hc_plan_dialog_close (HcPlanDialog *self)
{
  g_return_if_fail (HC_IS_PLAN_DIALOG (self));

  /* Closing a preview that changes nothing is its OK. */
  respond (self, self->nothing ? "apply" : "cancel");
}

void
hc_plan_dialog_dismiss (HcPlanDialog *self)
{
  g_return_if_fail (HC_IS_PLAN_DIALOG (self));

  respond (self, NULL);
}

static gboolean
window_close_request_cb (HcPlanDialog *self)
{
  hc_plan_dialog_close (self);
  return TRUE;
}

void
hc_plan_dialog_present (HcPlanDialog *self,
                        GtkWidget    *parent)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  HcDialogHost *host = hc_dialog_host_find (parent);

  g_return_if_fail (HC_IS_PLAN_DIALOG (self));
  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (self->host == NULL && self->window == NULL && !self->responded);

  if (host != NULL && hc_dialog_host_get_dialog (host) == NULL)
    {
      /* In place of the window's content: its header bar is the window's,
       * with the window's buttons. */
      adw_header_bar_set_show_start_title_buttons (self->header_bar, TRUE);
      adw_header_bar_set_show_end_title_buttons (self->header_bar, TRUE);
      g_set_weak_pointer (&self->host, host);
      hc_dialog_host_present (host, GTK_WIDGET (self));
      return;
    }

  g_set_weak_pointer (&self->window, GTK_WINDOW (adw_window_new ()));
  gtk_window_set_modal (self->window, TRUE);
  gtk_window_set_title (self->window, self->title);
  gtk_window_set_default_size (self->window, 960, 680);
  gtk_widget_set_size_request (GTK_WIDGET (self->window), 360, 480);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (self->window, GTK_WINDOW (root));
  adw_window_set_content (ADW_WINDOW (self->window), GTK_WIDGET (self));
  g_signal_connect_object (self->window, "close-request", G_CALLBACK (window_close_request_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (self->window);
}

const char *
hc_plan_dialog_get_title (HcPlanDialog *self)
{
  g_return_val_if_fail (HC_IS_PLAN_DIALOG (self), NULL);
  return self->title;
}

static void
set_title (HcPlanDialog *self,
           char         *title)
{
  g_free (self->title);
  self->title = title;
  adw_window_title_set_title (self->window_title, title);
  if (self->window != NULL)
    gtk_window_set_title (self->window, title);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HcPlanDialog *self = HC_PLAN_DIALOG (widget);

  if (hc_plan_dialog_get_needs_confirmation (self) &&
      !gtk_check_button_get_active (self->confirm_check))
    return;

  respond (self, "apply");
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  hc_plan_dialog_close (HC_PLAN_DIALOG (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HcPlanDialog *self = HC_PLAN_DIALOG (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HcPlanDialog *self = HC_PLAN_DIALOG (widget);

  if (gtk_widget_get_sensitive (GTK_WIDGET (self->search_entry)))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
approve_archive_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  HcPlanDialog *self = HC_PLAN_DIALOG (widget);
  gint64 member_id;
  gboolean approved;
  HcPlanEntry *entry;

  g_variant_get (parameter, "(xb)", &member_id, &approved);

  if (hc_plan_is_archive_approved (self->plan, member_id) == approved)
    return;
  if (!hc_plan_set_archive_approved (self->plan, member_id, approved))
    return;

  ensure_store (self, HC_PLAN_CATEGORY_ARCHIVE);
  entry = g_hash_table_lookup (self->archives, &member_id);
  if (entry != NULL)
    hc_plan_entry_notify_approved (entry);
  update_summary (self);
}

static void
approve_all (HcPlanDialog *self,
             gboolean      approved)
{
  GListModel *store = G_LIST_MODEL (ensure_store (self, HC_PLAN_CATEGORY_ARCHIVE));

  hc_plan_approve_all_archives (self->plan, approved);
  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    {
      g_autoptr (HcPlanEntry) entry = g_list_model_get_item (store, i);

      hc_plan_entry_notify_approved (entry);
    }
  update_summary (self);
}

static void
approve_all_archives_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  approve_all (HC_PLAN_DIALOG (widget), TRUE);
}

static void
stage_all_archives_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  approve_all (HC_PLAN_DIALOG (widget), FALSE);
}

/* "Why?" */

typedef struct
{
  HcPlanDialog *self;
  HcPlanEntry  *entry;
} ExplainData;

static void
explain_data_free (ExplainData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->entry);
  g_free (data);
}

static void
explain_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ExplainData *data = user_data;
  g_autoptr (GError) error = NULL;
  HcExplanation *explanation;

  explanation = hc_explainer_explain_finish (HC_EXPLAINER (source), result, &error);
  if (explanation == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          explain_data_free (data);
          return;
        }

      /* Said in the popover, where the question was asked. */
      explanation = g_new0 (HcExplanation, 1);
      explanation->display_name = g_strdup (hc_plan_entry_get_title (data->entry));
      explanation->kind = HC_PLAN_N_KINDS;
      explanation->outcome = g_strdup (error->message);
    }

  hc_plan_entry_set_explanation (data->entry, explanation);
  explain_data_free (data);
}

static void
row_explain_cb (HcPlanItemRow *row,
                HcPlanEntry   *entry,
                HcPlanDialog  *self)
{
  ExplainData *data;

  if (self->explainer == NULL || hc_plan_entry_get_query (entry) == NULL)
    return;
  /* Asked already: the answer comes to the entry. */
  if (g_object_get_data (G_OBJECT (entry), "hc-explaining") != NULL)
    return;
  g_object_set_data (G_OBJECT (entry), "hc-explaining", GINT_TO_POINTER (TRUE));

  data = g_new0 (ExplainData, 1);
  data->self = g_object_ref (self);
  data->entry = g_object_ref (entry);
  hc_explainer_explain_async (self->explainer,
                              hc_plan_entry_get_query (entry),
                              hc_plan_entry_get_fallback_query (entry),
                              self->cancellable, explain_done_cb, data);
}

/* The list factory */

static void
item_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               HcPlanDialog             *self)
{
  HcPlanItemRow *row = hc_plan_item_row_new ();

  hc_plan_item_row_set_can_explain (row, self->explainer != NULL);
  g_signal_connect_object (row, "explain", G_CALLBACK (row_explain_cb), self, 0);
  /* The row's own buttons take the clicks and the focus. */
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_child (list_item, GTK_WIDGET (row));
}

static void
item_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              HcPlanDialog             *self)
{
  hc_plan_item_row_set_entry (HC_PLAN_ITEM_ROW (gtk_list_item_get_child (list_item)),
                              gtk_list_item_get_item (list_item));
}

static void
item_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                HcPlanDialog             *self)
{
  hc_plan_item_row_set_entry (HC_PLAN_ITEM_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/* The sidebar */

static GtkListBoxRow *
make_sidebar_row (HcPlanDialog  *self,
                  HcPlanCategory category)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (hc_plan_category_get_icon (category));
  GtkWidget *label = gtk_label_new (hc_plan_category_describe (category));
  const char *style = hc_plan_category_get_style (category);
  guint count = count_category (self, category);
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  GtkWidget *count_label = gtk_label_new (count_text);

  gtk_widget_set_name (row, hc_plan_category_to_string (category));
  g_object_set_data (G_OBJECT (row), "hc-category", GINT_TO_POINTER (category));

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  hc_plan_category_describe (category), -1);
  if (style != NULL && count > 0)
    gtk_widget_add_css_class (icon, style);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);

  gtk_widget_add_css_class (count_label, "plan-count");
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_widget_add_css_class (count_label, "dim-label");

  /* Nothing in it: dim, but there to say "0". */
  if (count == 0)
    {
      gtk_widget_add_css_class (icon, "dim-label");
      gtk_widget_add_css_class (label, "dim-label");
    }

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  {
    /* Translators: a sidebar row read aloud, "New invitations: 265" */
    g_autofree char *accessible = g_strdup_printf (_("%s: %u"), hc_plan_category_describe (category), count);

    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  }

  return GTK_LIST_BOX_ROW (row);
}

static void
sidebar_header_func (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       user_data)
{
  HcPlanCategory category = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "hc-category"));
  const char *title = NULL;
  GtkWidget *label;

  if (category == HC_PLAN_CATEGORY_INVITE ||
      (user_data != NULL && ((HcPlanDialog *) user_data)->disconnect &&
       (category == HC_PLAN_CATEGORY_ARCHIVE || category == HC_PLAN_CATEGORY_REMOVE)))
    title = _("Changes");
  else if (category == HC_PLAN_CATEGORY_SKIP)
    title = _("Not Changed");
  else if (category == HC_PLAN_CATEGORY_WARNINGS)
    title = _("Notes");
  else if (category == HC_PLAN_CATEGORY_GROUPS)
    title = _("Groups and Roles");
  else if (category == DELIVERY_CATEGORY (0))
    title = _("Destinations");

  if (title == NULL)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, before != NULL ? 18 : 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_row_set_header (row, label);
}

/* Template callbacks */

/* What one destination will receive (rules.md 42), from the same preview
* as `sync --dry-run`: per member, create, update, deactivate or held. */

static const char *
describe_delivery_action (const char *action)
{
  if (g_str_equal (action, "create"))
    return _("Created there");
  if (g_str_equal (action, "update"))
    return _("Updated there");
  if (g_str_equal (action, "deactivate"))
    return _("Deactivated there");
  if (g_str_equal (action, "delete"))
    return _("Deleted there");
  if (g_str_equal (action, "held"))
    return _("Deactivation held: test instance");
  if (g_str_equal (action, "create-group"))
    return _("Group created there");
  if (g_str_equal (action, "update-group"))
    return _("Group updated there");
  return action;
}

static void
show_delivery (HcPlanDialog *self,
               guint         index)
{
  HcScimPushResult *result = g_ptr_array_index (self->deliveries, index);
  g_autofree char *title = NULL;
  g_autofree char *counts = NULL;
  GtkWidget *child;

  self->category = HC_PLAN_N_CATEGORIES;
  gtk_widget_set_visible (GTK_WIDGET (self->category_title), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->category_description), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), FALSE);
  gtk_widget_set_visible (self->search_separator, FALSE);
  gtk_widget_set_visible (self->archive_box, FALSE);

  /* Translators: %s is the name of a destination, e.g. Slack */
  title = g_strdup_printf (_("Delivery to %s"), result->destination);
  gtk_label_set_label (self->category_title, title);
  if (result->error != NULL)
    counts = g_strdup (result->error);
  else
    /* Translators: what a destination will receive once the sync is applied */
    counts = g_strdup_printf (_("Once applied: %u to create, %u to update, %u to deactivate, %u held until you "
                                "confirm them (test instance)."),
                              result->created, result->updated, result->deactivated + result->deleted, result->held);
  gtk_label_set_label (self->category_description, counts);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->delivery_list))) != NULL)
    gtk_list_box_remove (self->delivery_list, child);
  for (guint i = 0; i < result->items->len; i++)
    {
      JsonObject *item = g_ptr_array_index (result->items, i);
      const char *action = json_object_get_string_member_with_default (item, "action", "");
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (describe_delivery_action (action));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     json_object_get_string_member_with_default (item, "name", ""));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   json_object_get_string_member_with_default (item, "email", NULL));
      gtk_widget_add_css_class (label, g_str_equal (action, "held") ? "warning" : "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_widget_set_name (row, action);
      gtk_list_box_append (self->delivery_list, row);
    }
  gtk_stack_set_visible_child_name (self->content_stack, result->items->len > 0 ? "delivery" : "empty");
}

static void
show_row (HcPlanDialog  *self,
          GtkListBoxRow *row)
{
  HcPlanCategory category = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "hc-category"));

  if (category > HC_PLAN_N_CATEGORIES)
    {
      if (self->deliveries != NULL)
        show_delivery (self, category - DELIVERY_CATEGORY (0));
    }
  else
    show_category (self, category);
}

static void
sidebar_row_activated_cb (HcPlanDialog  *self,
                          GtkListBoxRow *row)
{
  show_row (self, row);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
sidebar_row_selected_cb (HcPlanDialog  *self,
                         GtkListBoxRow *row)
{
  if (row != NULL)
    show_row (self, row);
}

static void
search_changed_cb (HcPlanDialog   *self,
                   GtkSearchEntry *entry)
{
  /* gtk_editable_set_text() empties the entry on its way, and an empty
   * search entry reports at once. */
  if (self->setting_search)
    return;
  apply_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
stop_search_cb (HcPlanDialog   *self,
                GtkSearchEntry *entry)
{
  /* Escape clears the search first, then closes the preview. */
  if (*gtk_editable_get_text (GTK_EDITABLE (entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else
    hc_plan_dialog_close (self);
}

static void
confirm_toggled_cb (HcPlanDialog *self)
{
  update_summary (self);
}

/* GObject */

/* The categories' entries, as the dialog closes: the list and its models
 * are gone by now. */
static void
free_stores_later (HcPlanDialog *self)
{
  g_autoptr (GPtrArray) stores = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < HC_PLAN_N_CATEGORIES; i++)
    if (self->stores[i] != NULL)
      g_ptr_array_add (stores, g_steal_pointer (&self->stores[i]));
  if (stores->len > 0)
    free_in_thread (g_steal_pointer (&stores));
}

/* The dialog is on screen: the long lists it asked for are made now
 * (until then, every list loading waits). */
static void
first_paint_cb (GdkFrameClock *clock,
                HcPlanDialog  *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, self);
  self->drawn = TRUE;
  /* disposed meanwhile: nothing to make */
  if (self->plan == NULL)
    return;
  for (HcPlanCategory c = 0; c < HC_PLAN_N_CATEGORIES; c++)
    if (self->loading[c])
      start_making_entries (self, c);
}

static void
hc_plan_dialog_map (GtkWidget *widget)
{
  HcPlanDialog *self = HC_PLAN_DIALOG (widget);

  GTK_WIDGET_CLASS (hc_plan_dialog_parent_class)->map (widget);
  if (!self->drawn)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (first_paint_cb), self, 0);
}

static void
hc_plan_dialog_dispose (GObject *object)
{
  HcPlanDialog *self = HC_PLAN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->host);
  g_clear_weak_pointer (&self->window);
  g_clear_handle_id (&self->delivery_pending_id, g_source_remove);
  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_PLAN_DIALOG);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  free_stores_later (self);
  g_clear_pointer (&self->archives, g_hash_table_unref);
  g_clear_object (&self->explainer);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (hc_plan_dialog_parent_class)->dispose (object);
}

static void
hc_plan_dialog_finalize (GObject *object)
{
  HcPlanDialog *self = HC_PLAN_DIALOG (object);

  g_free (self->connector_name);
  g_free (self->title);
  g_free (self->search_text);
  g_free (self->search_folded);
  g_free (self->confirm_text);
  g_clear_pointer (&self->deliveries, g_ptr_array_unref);

  G_OBJECT_CLASS (hc_plan_dialog_parent_class)->finalize (object);
}

static void
hc_plan_dialog_class_init (HcPlanDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_plan_dialog_dispose;
  object_class->finalize = hc_plan_dialog_finalize;
  widget_class->map = hc_plan_dialog_map;

  signals[SIGNAL_RESPONSE] =
    g_signal_new ("response", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-plan-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, header_bar);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, category_title);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, category_description);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, archive_box);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, archive_label);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, search_separator);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, content_stack);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, list_view);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, empty_status);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, no_results_status);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, nothing_status);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, footer);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, reason_label);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, staged_label);
  gtk_widget_class_bind_template_child (widget_class, HcPlanDialog, confirm_check);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_toggled_cb);

  gtk_widget_class_install_action (widget_class, "preview.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "preview.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "preview.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "preview.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "preview.approve-archive", "(xb)", approve_archive_action);
  gtk_widget_class_install_action (widget_class, "preview.approve-all-archives", NULL,
                                   approve_all_archives_action);
  gtk_widget_class_install_action (widget_class, "preview.stage-all-archives", NULL,
                                   stage_all_archives_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "preview.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "preview.search", NULL);
}

static void
hc_plan_dialog_init (HcPlanDialog *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->archives = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->category = HC_PLAN_N_CATEGORIES;

  self->filter = gtk_custom_filter_new (entry_filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (update_state),
                           self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (item_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (item_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (item_unbind_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  {
    /* 90,000 invitations, or a search cleared: a few rows a frame */
    HcRevealModel *reveal = hc_reveal_model_new (G_LIST_MODEL (self->filtered), GTK_WIDGET (self->list_view));
    GtkNoSelection *selection = gtk_no_selection_new (G_LIST_MODEL (reveal));

    gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
    g_object_unref (selection);
  }

  gtk_list_box_set_header_func (self->sidebar_list, sidebar_header_func, self, NULL);
  g_signal_connect_object (self->sidebar_list, "row-selected", G_CALLBACK (sidebar_row_selected_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

static char *
describe_subtitle (HcPlanDialog *self)
{
  g_autofree char *employees = NULL;

  if (self->explainer != NULL)
    {
      guint n = hc_explainer_get_n_employees (self->explainer);

      employees = g_strdup_printf (ngettext ("%u employee in the HR system",
                                             "%u employees in the HR system", n), n);
    }

  if (hc_plan_is_first_sync (self->plan) && employees != NULL)
    /* Translators: "First sync · 300 employees in the HR system" */
    return g_strdup_printf (_("First sync · %s"), employees);
  if (hc_plan_is_first_sync (self->plan))
    return g_strdup (_("First sync"));

  return g_steal_pointer (&employees);
}

HcPlanDialog *
hc_plan_dialog_new (HcPlan      *plan,
                    const char  *connector_name,
                    HcExplainer *explainer)
{
  HcPlanDialog *self;
  g_autofree char *subtitle = NULL;
  HcPlanCategory first = HC_PLAN_N_CATEGORIES;

  g_return_val_if_fail (HC_IS_PLAN (plan), NULL);
  g_return_val_if_fail (connector_name != NULL, NULL);
  g_return_val_if_fail (explainer == NULL || HC_IS_EXPLAINER (explainer), NULL);

  self = g_object_new (HC_TYPE_PLAN_DIALOG, NULL);
  self->plan = g_object_ref (plan);
  self->connector_name = g_strdup (connector_name);
  self->explainer = explainer != NULL ? g_object_ref (explainer) : NULL;
  self->nothing = hc_plan_is_empty (plan);

  /* Translators: %s is a connector name, "Preview Sync of Demo company" */
  set_title (self, g_strdup_printf (_("Preview Sync of %s"), connector_name));
  subtitle = describe_subtitle (self);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  for (HcPlanCategory c = 0; c < HC_PLAN_N_CATEGORIES; c++)
    {
      self->rows[c] = make_sidebar_row (self, c);
      gtk_list_box_append (self->sidebar_list, GTK_WIDGET (self->rows[c]));
      /* only a disconnect removes members (rules.md 47) */
      if (c == HC_PLAN_CATEGORY_REMOVE && count_category (self, c) == 0)
        gtk_widget_set_visible (GTK_WIDGET (self->rows[c]), FALSE);
      if (first == HC_PLAN_N_CATEGORIES && c <= HC_PLAN_CATEGORY_UNMANAGE && count_category (self, c) > 0)
        first = c;
    }

  if (self->nothing)
    {
      g_autofree char *description = NULL;
      guint unchanged = hc_plan_count (plan, HC_PLAN_UNCHANGED);
      guint skipped = hc_plan_count (plan, HC_PLAN_SKIP);

      /* Translators: the first half of "240 members are up to date; 12 employees are skipped." */
      description = g_strdup_printf (ngettext ("The directory already matches the HR system: %u managed member is up to date",
                                               "The directory already matches the HR system: %u managed members are up to date",
                                               unchanged), unchanged);
      if (skipped > 0)
        {
          g_autofree char *more = g_strdup_printf (ngettext ("%u employee is skipped, see Skipped for why",
                                                             "%u employees are skipped, see Skipped for why",
                                                             skipped), skipped);
          g_autofree char *both = g_strdup_printf (_("%s; %s."), description, more);

          g_free (description);
          description = g_steal_pointer (&both);
        }
      else
        {
          g_autofree char *full = g_strdup_printf (_("%s."), description);

          g_free (description);
          description = g_steal_pointer (&full);
        }
      adw_status_page_set_description (self->nothing_status, description);

      gtk_button_set_label (self->apply_button, _("_OK"));
      gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
      show_category (self, HC_PLAN_N_CATEGORIES);
      /* The plan says it all: no summary under it. */
      gtk_widget_set_visible (self->footer, FALSE);
      adw_leaflet_set_visible_child_name (self->leaflet, "content");
    }
  else
    {
      /* Only staged archives, say: show them. */
      if (first == HC_PLAN_N_CATEGORIES)
        first = HC_PLAN_CATEGORY_ARCHIVE;
      gtk_list_box_select_row (self->sidebar_list, self->rows[first]);
      show_category (self, first);
    }

  update_summary (self);

  return self;
}

void
hc_plan_dialog_set_test_instance (HcPlanDialog *self,
                                  gboolean      test_instance)
{
  g_return_if_fail (HC_IS_PLAN_DIALOG (self));

  self->test_instance = test_instance;
  update_summary (self);
}

HcPlan *
hc_plan_dialog_get_plan (HcPlanDialog *self)
{
  g_return_val_if_fail (HC_IS_PLAN_DIALOG (self), NULL);

  return self->plan;
}

HcPlanCategory
hc_plan_dialog_get_category (HcPlanDialog *self)
{
  g_return_val_if_fail (HC_IS_PLAN_DIALOG (self), HC_PLAN_N_CATEGORIES);

  return self->category;
}

void
hc_plan_dialog_set_category (HcPlanDialog  *self,
                             HcPlanCategory category)
{
  g_return_if_fail (HC_IS_PLAN_DIALOG (self));
  g_return_if_fail (category < HC_PLAN_N_CATEGORIES);

  gtk_list_box_select_row (self->sidebar_list, self->rows[category]);
  show_category (self, category);
}

GListModel *
hc_plan_dialog_get_model (HcPlanDialog *self)
{
  g_return_val_if_fail (HC_IS_PLAN_DIALOG (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

gboolean
hc_plan_dialog_is_loading (HcPlanDialog *self)
{
  g_return_val_if_fail (HC_IS_PLAN_DIALOG (self), FALSE);

  return self->category < HC_PLAN_N_CATEGORIES && self->loading[self->category];
}

const char *
hc_plan_dialog_get_search_text (HcPlanDialog *self)
{
  g_return_val_if_fail (HC_IS_PLAN_DIALOG (self), NULL);

  return self->search_text != NULL ? self->search_text : "";
}

void
hc_plan_dialog_set_search_text (HcPlanDialog *self,
                                const char   *text)
{
  g_return_if_fail (HC_IS_PLAN_DIALOG (self));

  /* The entry's delayed "search-changed" then finds nothing new to do. */
  self->setting_search = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  self->setting_search = FALSE;
  apply_search (self, text);
}

const char *
hc_plan_dialog_get_state_name (HcPlanDialog *self)
{
  g_return_val_if_fail (HC_IS_PLAN_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->content_stack);
}

gboolean
hc_plan_dialog_get_needs_confirmation (HcPlanDialog *self)
{
  g_return_val_if_fail (HC_IS_PLAN_DIALOG (self), FALSE);

  return !self->nothing && hc_plan_needs_confirmation (self->plan);
}

void
hc_plan_dialog_set_deliveries (HcPlanDialog *self,
                               GPtrArray    *deliveries)
{
  GtkWidget *scrolled;

  g_return_if_fail (HC_IS_PLAN_DIALOG (self));
  g_return_if_fail (self->deliveries == NULL);

  if (deliveries == NULL || deliveries->len == 0)
    return;
  self->deliveries = g_ptr_array_ref (deliveries);

  self->delivery_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->delivery_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->delivery_list), "boxed-list");
  gtk_widget_set_margin_start (GTK_WIDGET (self->delivery_list), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self->delivery_list), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (self->delivery_list), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->delivery_list), 18);
  gtk_widget_set_valign (GTK_WIDGET (self->delivery_list), GTK_ALIGN_START);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->delivery_list));
  gtk_stack_add_named (self->content_stack, scrolled, "delivery");

  for (guint i = 0; i < deliveries->len; i++)
    {
      HcScimPushResult *result = g_ptr_array_index (deliveries, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *icon = gtk_image_new_from_icon_name ("send-to-symbolic");
      g_autofree char *text = g_strdup_printf (_("Delivery to %s"), result->destination);
      g_autofree char *count_text = g_strdup_printf ("%u", result->items->len);
      g_autofree char *name = g_strdup_printf ("delivery-%s", result->destination);
      GtkWidget *label = gtk_label_new (text);
      GtkWidget *count_label = gtk_label_new (count_text);

      gtk_widget_set_name (row, name);
      g_object_set_data (G_OBJECT (row), "hc-category", GINT_TO_POINTER (DELIVERY_CATEGORY (i)));
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (count_label, "plan-count");
      gtk_widget_add_css_class (count_label, "numeric");
      gtk_widget_add_css_class (count_label, "dim-label");
      if (result->items->len == 0)
        {
          gtk_widget_add_css_class (icon, "dim-label");
          gtk_widget_add_css_class (label, "dim-label");
        }
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), count_label);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (self->sidebar_list, row);
    }
}

static gboolean
show_delivery_pending_cb (gpointer user_data)
{
  HcPlanDialog *self = user_data;

  self->delivery_pending_id = 0;
  if (self->delivery_pending != NULL)
    gtk_widget_set_visible (self->delivery_pending, TRUE);
  return G_SOURCE_REMOVE;
}

static void
deliveries_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (HcPlanDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) deliveries = hc_scim_preview_deliveries_finish (result, &error);

  /* The window closed meanwhile: nothing to show them in. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->responded)
    return;
  g_clear_handle_id (&self->delivery_pending_id, g_source_remove);
  if (self->delivery_pending != NULL)
    {
      gtk_list_box_remove (self->sidebar_list, self->delivery_pending);
      self->delivery_pending = NULL;
    }
  if (deliveries == NULL)
    {
      /* The plan stands on its own; the deliveries are shown again by
       * the next preview or by sync --dry-run. */
      g_warning ("Could not work out what the destinations will receive: %s", error->message);
      return;
    }
  hc_plan_dialog_set_deliveries (self, deliveries);
}

void
hc_plan_dialog_load_deliveries (HcPlanDialog *self,
                                HcStore      *store)
{
  GtkWidget *box;
  GtkWidget *spinner;
  GtkWidget *label;

  g_return_if_fail (HC_IS_PLAN_DIALOG (self));
  g_return_if_fail (HC_IS_STORE (store));
  g_return_if_fail (self->deliveries == NULL && self->delivery_pending == NULL);

  /* A row saying they are on their way, shown only if they take long
   * enough to be noticed (a workspace with no destination shows none). */
  self->delivery_pending = gtk_list_box_row_new ();
  gtk_widget_set_name (self->delivery_pending, "delivery-pending");
  g_object_set_data (G_OBJECT (self->delivery_pending), "hc-category", GINT_TO_POINTER (DELIVERY_CATEGORY (0)));
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self->delivery_pending), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->delivery_pending), FALSE);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  label = gtk_label_new (_("Working out the deliveries…"));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->delivery_pending), box);
  gtk_widget_set_visible (self->delivery_pending, FALSE);
  gtk_list_box_append (self->sidebar_list, self->delivery_pending);
  self->delivery_pending_id = g_timeout_add (DELIVERY_PENDING_DELAY_MS, show_delivery_pending_cb, self);

  hc_scim_preview_deliveries_async (store, self->plan, self->cancellable, deliveries_done_cb,
                                    g_object_ref (self));
}

gboolean
hc_plan_dialog_get_deliveries_loading (HcPlanDialog *self)
{
  g_return_val_if_fail (HC_IS_PLAN_DIALOG (self), FALSE);

  return self->delivery_pending != NULL;
}

void
hc_plan_dialog_show_delivery (HcPlanDialog *self,
                              const char   *destination)
{
  g_autofree char *name = g_strdup_printf ("delivery-%s", destination);

  g_return_if_fail (HC_IS_PLAN_DIALOG (self));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      {
        gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
        return;
      }
}

void
hc_plan_dialog_set_disconnect (HcPlanDialog *self)
{
  HcPlanCategory shown;

  g_return_if_fail (HC_IS_PLAN_DIALOG (self));

  self->disconnect = TRUE;
  /* Translators: %s is a connector name, "Preview Disconnect of Personio" */
  set_title (self, g_strdup_printf (_("Preview Disconnect of %s"), self->connector_name));
  adw_window_title_set_subtitle (self->window_title, NULL);

  /* Only what it does: the sync's other categories say nothing here. */
  for (HcPlanCategory c = 0; c < HC_PLAN_N_CATEGORIES; c++)
    gtk_widget_set_visible (GTK_WIDGET (self->rows[c]), count_category (self, c) > 0);
  gtk_list_box_invalidate_headers (self->sidebar_list);
  shown = hc_plan_count (self->plan, HC_PLAN_REMOVE) > 0 ? HC_PLAN_CATEGORY_REMOVE : HC_PLAN_CATEGORY_ARCHIVE;
  if (!self->nothing)
    {
      gtk_list_box_select_row (self->sidebar_list, self->rows[shown]);
      show_category (self, shown);
    }
  update_summary (self);
}
