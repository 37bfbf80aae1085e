/* hc-members-page.c — the member table: tabs, search, sort, states
 *
 * HcMemberList → GtkSortListModel (the column view's sorter, once a
 * header is clicked: until then the members come in the name order)
 * → HcMemberFilter (one C function: the tab's state, the group, the role
 * and the search over "search-text") → GtkMultiSelection → GtkColumnView.
 *
 * Sorting comes before filtering on purpose: GTK 4.8's column view sorter
 * has no sort keys, so sorting 100,000 members with it takes about a
 * second; in this order only a load or a click on a header sorts, while a
 * tab change or a keystroke in the search only filters. Until the first
 * click on a header the table shows the name column's order, on ranks by
 * name that the loader's thread computes (hc_member_list_rank_by_name()):
 * the members come in that order, and the filter reads them as they come,
 * with no sort model between. The store is filled once per load, in one
 * splice.
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-members-page"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hc-avatar.h"
#include "hc-directory.h"
#include "hc-member-dialog.h"
#include "hc-member-filter.h"
#include "hc-member-form.h"
#include "hc-member-list.h"
#include "hc-members-page.h"
#include "hc-reveal-model.h"
#include "hc-slot-model.h"
#include "hc-list-slot.h"
#include "hc-group-actions.h"
#include "hc-groups.h"
#include "hc-session.h"
#include "hc-destination-column.h"
#include "hc-role-column.h"
#include "hc-tab-out.h"

/* The workspace setting that remembers where people sign up. */
#define SIGNUP_LINK_SETTING "signup_link"

#define N_TABS 3

/* How the selection bar fits its label and buttons in the page's width */
typedef enum
{
  SELECTION_IN_ROW,         /* the label, then the buttons, on one line */
  SELECTION_UNDER_LABEL,    /* the buttons in a row under the label */
  SELECTION_STACKED,        /* the buttons one under the other (a phone) */
} SelectionLayout;

struct _HcMembersPage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkWidget           *toolbar;
  GtkWidget           *toolbar_separator;
  GtkWidget           *selection_box;
  GtkWidget           *selection_buttons;
  GtkToggleButton     *active_button;
  GtkToggleButton     *invited_button;
  GtkToggleButton     *archived_button;
  GtkLabel            *active_count;
  GtkLabel            *invited_count;
  GtkLabel            *archived_count;
  GtkSearchEntry      *search_entry;
  GtkWidget           *export_invitations_button;
  GtkWidget           *add_button;
  GtkWidget           *notice_box;
  GtkLabel            *notice_label;
  GtkRevealer         *selection_revealer;
  GtkLabel            *selection_label;
  GtkWidget           *selection_resend_button;
  GtkWidget           *selection_joined_button;
  GtkWidget           *selection_restore_button;
  GtkWidget           *selection_archive_button;
  GtkWidget           *selection_remove_group_button;
  GtkWidget           *group_box;
  GtkLabel            *group_label;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *empty_tab_status;
  AdwStatusPage       *no_results_status;
  GtkBox              *other_tabs_box;
  AdwStatusPage       *error_status;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *email_column;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *department_column;
  GtkColumnViewColumn *manager_column;
  GtkColumnViewColumn *hr_column;

  /* Owned state */
  HcStore             *store;
  GSignalGroup        *session_signals; /* the workspace's HcSession */
  HcSyncFlow          *sync_flow;       /* nullable: the window's */
  HcMemberList        *members;
  HcMemberFilter      *filter_model;  /* the tab's state and the search, in one pass */
  GtkSortListModel    *sort_model;
  GtkMultiSelection   *selection;
  HcSlotModel         *slots;       /* the filter's members in rows' slots */
  HcRevealModel       *reveal;      /* the selection's model */
  GCancellable        *cancellable;
  HcMemberState        tab;
  guint                counts[N_TABS];
  char                *search_text;   /* as typed */
  char                *search_folded; /* what the filter looks for in "search-text" */
  GArray              *matches;       /* guint: positions in members matching search_folded */
  guint8              *match_marks;   /* by member id: 1 when in matches */
  gsize                n_match_marks;
  gboolean             marks_fresh;   /* while the filter may read them */
  guint                match_counts[N_TABS];
  gboolean             loading;         /* notified; TRUE while load_in_flight */
  gboolean             load_in_flight;
  gboolean             syncing;
  gboolean             tab_chosen;      /* by the user or a caller, not by us */
  gboolean             has_connector;
  gboolean             load_failed;
  gboolean             compact;
  gboolean             narrowest;     /* the e-mail under the name, no e-mail column */
  SelectionLayout      selection_layout;
  guint                compact_idle;
  GHashTable          *connector_names;  /* connector id → name, from the last reload */
  char                *notice;           /* the managed-members notice, or NULL */
  char                *group_path;       /* the group filter ("Paris/Engineering"), or NULL */
  GHashTable          *group_ids;        /* gint64*: its members and its subgroups' */
  HcRoleColumn        *role_column;      /* the Roles column and the Role filter */
};

G_DEFINE_FINAL_TYPE (HcMembersPage, hc_members_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  PROP_TAB,
  PROP_SEARCH_TEXT,
  PROP_STATE_NAME,
  PROP_GROUP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the tabs' counts and the notice say of a list of members: one
 * pass, in the loader's thread for a load. */
typedef struct
{
  guint   counts[N_TABS];
  guint   n_managed;          /* managed by an HR system, not archived */
  GArray *connectors;         /* gint64: the connectors that manage them */
} MemberTally;

static MemberTally *
member_tally_new (GPtrArray *members)
{
  MemberTally *tally = g_new0 (MemberTally, 1);

  tally->connectors = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *member = g_ptr_array_index (members, i);
      HcMemberState state = hc_member_get_state (member);
      gint64 id;
      guint j;

      if ((guint) state < N_TABS)
        tally->counts[state]++;
      if (hc_member_get_hr_status (member) != HC_HR_STATUS_MANAGED || state == HC_MEMBER_STATE_ARCHIVED)
        continue;
      tally->n_managed++;
      /* a few connectors: a look along them */
      id = hc_member_get_connector_id (member);
      for (j = 0; j < tally->connectors->len; j++)
        if (g_array_index (tally->connectors, gint64, j) == id)
          break;
      if (j == tally->connectors->len)
        g_array_append_val (tally->connectors, id);
    }
  return tally;
}

static void
member_tally_free (MemberTally *tally)
{
  g_array_unref (tally->connectors);
  g_free (tally);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MemberTally, member_tally_free)

static void switch_tab (HcMembersPage *self,
                        HcMemberState  state);
static void set_members (HcMembersPage     *self,
                         GPtrArray         *members,
                         gboolean           ranked_by_loader,
                         const MemberTally *tally);

static const char *
get_search (HcMembersPage *self)
{
  return self->search_text != NULL ? self->search_text : "";
}

static gboolean
is_searching (HcMembersPage *self)
{
  return self->search_folded != NULL && *self->search_folded != '\0';
}

static void
update_state (HcMembersPage *self)
{
  const char *old_name = gtk_stack_get_visible_child_name (self->stack);
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->members));
  guint n_visible = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  const char *name;

  if (self->load_failed && n_all == 0)
    name = "error";
  else if ((self->loading || self->syncing) && n_all == 0)
    name = "loading";
  else if (n_all == 0)
    name = self->has_connector ? "no-members" : "no-connector";
  else if (n_visible == 0 && (*get_search (self) != '\0' || self->group_path != NULL ||
                              hc_role_column_get_role (self->role_column) != NULL))
    name = "no-results";
  else if (n_visible == 0)
    name = "empty-tab";
  else
    name = "table";

  gtk_widget_set_visible (self->toolbar, n_all > 0);
  gtk_widget_set_visible (self->toolbar_separator, n_all > 0);
  gtk_widget_set_visible (self->notice_box, n_all > 0 && self->notice != NULL);
  gtk_widget_set_visible (self->group_box, n_all > 0 && self->group_path != NULL);
  gtk_widget_set_visible (self->export_invitations_button, self->tab == HC_MEMBER_STATE_INVITED);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "loading"));

  if (g_strcmp0 (old_name, name) != 0)
    {
      gtk_stack_set_visible_child_name (self->stack, name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_NAME]);
    }
}

static void
update_empty_tab_status (HcMembersPage *self)
{
  switch (self->tab)
    {
    case HC_MEMBER_STATE_INVITED:
      adw_status_page_set_title (self->empty_tab_status, _("No Invited Members"));
      adw_status_page_set_description (self->empty_tab_status,
                                       _("Members who have access show here until they join."));
      break;

    case HC_MEMBER_STATE_ARCHIVED:
      adw_status_page_set_title (self->empty_tab_status, _("No Archived Members"));
      adw_status_page_set_description (self->empty_tab_status,
                                       _("People who left show here once archived."));
      break;

    case HC_MEMBER_STATE_ACTIVE:
    default:
      adw_status_page_set_title (self->empty_tab_status, _("No Active Members"));
      adw_status_page_set_description (self->empty_tab_status,
                                       _("Invited members become active when they join; members without access are active in the directory."));
      break;
    }
}

static void
update_no_results_status (HcMembersPage *self)
{
  g_autofree char *escaped = g_markup_escape_text (get_search (self), -1);
  g_autofree char *description = NULL;

  if (*get_search (self) == '\0' && self->group_path != NULL)
    {
      g_autofree char *label = hc_group_actions_dup_label (self->group_path);
      g_autofree char *escaped_label = g_markup_escape_text (label, -1);

      /* Translators: a group, "Paris / Engineering" */
      description = g_strdup_printf (_("Nobody in “%s” here"), escaped_label);
    }
  else
    /* Translators: %s is what the user searched for */
    description = g_strdup_printf (_("No members match “%s”"), escaped);
  adw_status_page_set_description (self->no_results_status, description);
}

static const char *
describe_tab (HcMemberState state)
{
  switch (state)
    {
    case HC_MEMBER_STATE_INVITED:
      return C_("members tab", "Invited");
    case HC_MEMBER_STATE_ARCHIVED:
      return C_("members tab", "Archived");
    case HC_MEMBER_STATE_ACTIVE:
    default:
      return C_("members tab", "Active");
    }
}

static void
show_tab_clicked_cb (GtkButton     *button,
                     HcMembersPage *self)
{
  hc_members_page_set_tab (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "hc-tab")));
}

/* Search looks across tabs: "No Results Found" offers the tabs that have
 * matches, "3 matches in Archived — Show". */
static void
update_other_tabs (HcMembersPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->other_tabs_box))) != NULL)
    gtk_box_remove (self->other_tabs_box, child);

  for (guint i = 0; is_searching (self) && i < N_TABS; i++)
    {
      g_autofree char *text = NULL;
      GtkWidget *row, *label, *button;

      if (i == self->tab || self->match_counts[i] == 0)
        continue;

      /* Translators: "3 matches in Archived", the tab's name */
      text = g_strdup_printf (ngettext ("%u match in %s", "%u matches in %s", self->match_counts[i]),
                              self->match_counts[i], describe_tab (i));
      row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_widget_set_halign (row, GTK_ALIGN_CENTER);
      label = gtk_label_new (text);
      button = gtk_button_new_with_mnemonic (_("_Show"));
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* "Show 3 matches in Archived" for a screen reader */
      {
        g_autofree char *accessible = g_strdup_printf (ngettext ("Show %u match in %s",
                                                                 "Show %u matches in %s",
                                                                 self->match_counts[i]),
                                                       self->match_counts[i], describe_tab (i));

        gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        accessible, -1);
      }
      g_object_set_data (G_OBJECT (button), "hc-tab", GINT_TO_POINTER (i));
      g_signal_connect_object (button, "clicked", G_CALLBACK (show_tab_clicked_cb), self, 0);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (row), button);
      gtk_box_append (self->other_tabs_box, row);
    }
}

static void
update_counts (HcMembersPage *self)
{
  GtkLabel *labels[N_TABS] = { self->active_count, self->invited_count, self->archived_count };
  GtkWidget *buttons[N_TABS] = {
    GTK_WIDGET (self->active_button), GTK_WIDGET (self->invited_button), GTK_WIDGET (self->archived_button)
  };
  g_autofree char *active = NULL;
  g_autofree char *invited = NULL;
  g_autofree char *archived = NULL;
  const char *names[N_TABS];

  gboolean searching = is_searching (self);
  const guint *counts = searching ? self->match_counts : self->counts;

  /* Screen readers get "Active, 240 members" rather than "Active240";
   * while searching, each tab counts its matches. */
  if (searching)
    {
      active = g_strdup_printf (ngettext ("Active, %u match", "Active, %u matches",
                                          counts[HC_MEMBER_STATE_ACTIVE]),
                                counts[HC_MEMBER_STATE_ACTIVE]);
      invited = g_strdup_printf (ngettext ("Invited, %u match", "Invited, %u matches",
                                           counts[HC_MEMBER_STATE_INVITED]),
                                 counts[HC_MEMBER_STATE_INVITED]);
      archived = g_strdup_printf (ngettext ("Archived, %u match", "Archived, %u matches",
                                            counts[HC_MEMBER_STATE_ARCHIVED]),
                                  counts[HC_MEMBER_STATE_ARCHIVED]);
    }
  else
    {
      active = g_strdup_printf (ngettext ("Active, %u member", "Active, %u members",
                                          counts[HC_MEMBER_STATE_ACTIVE]),
                                counts[HC_MEMBER_STATE_ACTIVE]);
      invited = g_strdup_printf (ngettext ("Invited, %u member", "Invited, %u members",
                                           counts[HC_MEMBER_STATE_INVITED]),
                                 counts[HC_MEMBER_STATE_INVITED]);
      archived = g_strdup_printf (ngettext ("Archived, %u member", "Archived, %u members",
                                            counts[HC_MEMBER_STATE_ARCHIVED]),
                                  counts[HC_MEMBER_STATE_ARCHIVED]);
    }
  names[HC_MEMBER_STATE_ACTIVE] = active;
  names[HC_MEMBER_STATE_INVITED] = invited;
  names[HC_MEMBER_STATE_ARCHIVED] = archived;

  for (guint i = 0; i < N_TABS; i++)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%u", counts[i]);
      gtk_label_set_label (labels[i], text);
      if (searching)
        gtk_widget_add_css_class (GTK_WIDGET (labels[i]), "search-count");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (labels[i]), "search-count");
      gtk_accessible_update_property (GTK_ACCESSIBLE (buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, names[i],
                                      -1);
    }
}

static void
update_loading (HcMembersPage *self)
{
  gboolean loading = self->load_in_flight;

  if (self->loading == loading)
    return;

  self->loading = loading;
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* One C function instead of a GtkStringFilter over a property expression:
 * evaluating the expression costs a GValue per row, ten times the match. */
static gboolean
member_filter_func (HcMember *member,
                    gpointer  user_data)
{
  HcMembersPage *self = user_data;

  if (hc_member_get_state (member) != self->tab)
    return FALSE;
  if (self->group_ids != NULL)
    {
      gint64 id = hc_member_get_id (member);

      if (!g_hash_table_contains (self->group_ids, &id))
        return FALSE;
    }
  if (!hc_role_column_match (self->role_column, member))
    return FALSE;
  if (self->search_folded == NULL || *self->search_folded == '\0')
    return TRUE;
  /* what count_matches() found a moment ago: no second pass over each
   * member's text (a cache miss or two per member, 96,000 members) */
  if (self->marks_fresh)
    {
      gint64 id = hc_member_get_id (member);

      return id >= 0 && (guint64) id < self->n_match_marks && self->match_marks[id] != 0;
    }
  return strstr (hc_member_get_search_text (member), self->search_folded) != NULL;
}

/* Member @id is among the matches. */
static void
mark_match (HcMembersPage *self,
            gint64         id)
{
  if (id < 0)
    return;
  if ((guint64) id >= self->n_match_marks)
    {
      gsize n = MAX ((gsize) id + 1, self->n_match_marks * 2);

      self->match_marks = g_realloc (self->match_marks, n);
      memset (self->match_marks + self->n_match_marks, 0, n - self->n_match_marks);
      self->n_match_marks = n;
    }
  self->match_marks[id] = 1;
}

/* Search looks across tabs: the matches of each tab, in one pass over the
 * members beside the filter's. As the filter does, typing on re-checks
 * only the members that matched the shorter search. Each match is also
 * marked by its id, for the filter to read at once after (apply_search). */
static void
count_matches (HcMembersPage *self,
               const char    *old_folded)
{
  GPtrArray *members = hc_member_list_peek (self->members);
  g_autoptr (GArray) matches = NULL;
  gboolean narrowing;
  guint n;

  memset (self->match_counts, 0, sizeof self->match_counts);
  if (self->match_marks != NULL)
    memset (self->match_marks, 0, self->n_match_marks);
  if (!is_searching (self))
    {
      g_clear_pointer (&self->matches, g_array_unref);
      return;
    }

  narrowing = self->matches != NULL && old_folded != NULL && strstr (self->search_folded, old_folded) != NULL;
  n = narrowing ? self->matches->len : members->len;
  matches = g_array_sized_new (FALSE, FALSE, sizeof (guint), narrowing ? n : 64);
  for (guint i = 0; i < n; i++)
    {
      guint position = narrowing ? g_array_index (self->matches, guint, i) : i;
      HcMember *member = g_ptr_array_index (members, position);
      gint64 id = hc_member_get_id (member);
      HcMemberState state;

      if (strstr (hc_member_get_search_text (member), self->search_folded) == NULL)
        continue;
      g_array_append_val (matches, position);
      mark_match (self, id);
      if (self->group_ids != NULL && !g_hash_table_contains (self->group_ids, &id))
        continue;
      state = hc_member_get_state (member);
      if ((guint) state < N_TABS)
        self->match_counts[state]++;
    }

  g_clear_pointer (&self->matches, g_array_unref);
  self->matches = g_steal_pointer (&matches);
}

/* After the members, the search or the group filter changed. */
static void
update_matches (HcMembersPage *self,
                const char    *old_folded)
{
  count_matches (self, old_folded);
  update_counts (self);
  update_other_tabs (self);
}

static int
hr_status_rank (HcMember  *member,
                HcHrStatus status,
                gpointer   user_data)
{
  /* Managed by HR first, then no longer managed, then manual. */
  switch (status)
    {
    case HC_HR_STATUS_MANAGED:
      return 0;
    case HC_HR_STATUS_PREVIOUSLY_MANAGED:
      return 1;
    case HC_HR_STATUS_MANUAL:
    default:
      return 2;
    }
}

/* Sort keys that are never NULL: GTK 4.8's GtkStringSorter hits a critical
 * (g_utf8_casefold (NULL)) on a member without e-mail, title… */
static char *
sort_key_email (HcMember *member,
                gpointer  user_data)
{
  return g_strdup (hc_member_get_email (member) ? hc_member_get_email (member) : "");
}

static char *
sort_key_title (HcMember *member,
                gpointer  user_data)
{
  return g_strdup (hc_member_get_title (member) ? hc_member_get_title (member) : "");
}

static char *
sort_key_department (HcMember *member,
                     gpointer  user_data)
{
  return g_strdup (hc_member_get_department (member) ? hc_member_get_department (member) : "");
}

static char *
sort_key_manager (HcMember *member,
                  gpointer  user_data)
{
  return g_strdup (hc_member_get_manager_name (member) ? hc_member_get_manager_name (member) : "");
}

static void
set_string_sorter (GtkColumnViewColumn *column,
                   GCallback            sort_key)
{
  GtkExpression *expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                           sort_key, NULL, NULL);
  g_autoptr (GtkSorter) sorter = GTK_SORTER (gtk_string_sorter_new (expression));

  gtk_column_view_column_set_sorter (column, sorter);
}

static void
column_sorter_changed_cb (HcMembersPage  *self,
                          GtkSorterChange change,
                          GtkSorter      *sorter)
{
  /* A click on a header: from now on the column view's sorter decides. */
  if (gtk_sort_list_model_get_sorter (self->sort_model) != sorter)
    gtk_sort_list_model_set_sorter (self->sort_model, sorter);
  /* Until then the members came in the name order already and the filter
   * read them as they are: the sort model now sorts them, once. */
  if (gtk_sort_list_model_get_model (self->sort_model) == NULL)
    {
      gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (self->members));
      hc_member_filter_set_source (self->filter_model, G_LIST_MODEL (self->sort_model));
    }
}

static void
model_items_changed_cb (HcMembersPage *self,
                        guint          position,
                        guint          removed,
                        guint          added,
                        GListModel    *model)
{
  update_state (self);
}

/* Cells */

/* Tooltips are computed on hover: setting one per cell on every bind
 * costs more than the rest of the bind (it updates the accessible too). */
static gboolean
text_cell_query_tooltip_cb (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard,
                            GtkTooltip *tooltip,
                            gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "hc-tooltip");

  if (text == NULL)
    text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static GtkWidget *
new_text_cell (int nat_chars)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_widget_set_has_tooltip (inscription, TRUE);
  g_signal_connect (inscription, "query-tooltip", G_CALLBACK (text_cell_query_tooltip_cb), NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 3);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), nat_chars);
  /* One line asked for, but the row's height given: the avatar makes rows
   * two lines tall, so a long e-mail in a narrow window wraps onto a
   * second line rather than being cut. */
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (inscription), 1);
  gtk_widget_set_valign (inscription, GTK_ALIGN_FILL);

  return inscription;
}

static void
name_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               HcMembersPage            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *avatar = hc_avatar_new (32);
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = new_text_cell (20);
  GtkWidget *email = new_text_cell (20);

  /* At the narrowest widths the e-mail goes on a line of its own under
   * the name, as the e-mail column would cut it (set_narrowest ()). */
  gtk_widget_set_valign (lines, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (name, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (email, GTK_ALIGN_CENTER);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (email), 2);
  gtk_widget_add_css_class (email, "dim-label");
  gtk_widget_add_css_class (email, "caption");
  gtk_widget_set_visible (email, self->narrowest);
  gtk_widget_set_hexpand (lines, TRUE);
  gtk_box_append (GTK_BOX (lines), name);
  gtk_box_append (GTK_BOX (lines), email);
  gtk_box_append (GTK_BOX (box), avatar);
  gtk_box_append (GTK_BOX (box), lines);
  gtk_widget_add_css_class (box, "member-name-cell");
  gtk_list_item_set_child (item, box);
}

static void
name_show (GtkListItem *item,
           gpointer     data,
           gpointer     user_data)
{
  HcMember *member = data;
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *avatar = gtk_widget_get_first_child (box);
  GtkWidget *lines = gtk_widget_get_last_child (box);
  const char *display_name = hc_member_get_display_name (member);
  const char *email = hc_member_get_email (member);

  hc_avatar_set_text (HC_AVATAR (avatar), display_name);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_widget_get_first_child (lines)), display_name);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_widget_get_last_child (lines)),
                            email != NULL ? email : _("No e-mail — no login"));
}

static void
email_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                HcMembersPage            *self)
{
  gtk_list_item_set_child (item, new_text_cell (28));
}

static void
text_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               HcMembersPage            *self)
{
  gtk_list_item_set_child (item, new_text_cell (16));
}

static void
bind_text (GtkListItem *item,
           const char  *text)
{
  GtkWidget *inscription = gtk_list_item_get_child (item);

  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);
}

static void
bind_text_with_tooltip (GtkListItem *item,
                        const char  *text)
{
  /* the tooltip is the text itself (see text_cell_query_tooltip_cb) */
  bind_text (item, text);
}

static void
email_show (GtkListItem *item,
            gpointer     data,
            gpointer     user_data)
{
  HcMember *member = data;
  GtkWidget *inscription = gtk_list_item_get_child (item);
  const char *email = hc_member_get_email (member);

  if (!hc_member_get_has_access (member) || email == NULL || *email == '\0')
    {
      gtk_inscription_set_text (GTK_INSCRIPTION (inscription), _("No e-mail — no login"));
      g_object_set_data (G_OBJECT (inscription), "hc-tooltip",
                         (gpointer) _("Created from HR without an e-mail address: this member cannot sign in"));
      gtk_widget_add_css_class (inscription, "dim-label");
    }
  else
    {
      g_object_set_data (G_OBJECT (inscription), "hc-tooltip", NULL);
      bind_text_with_tooltip (item, email);
      gtk_widget_remove_css_class (inscription, "dim-label");
    }
}

static void
title_show (GtkListItem *item,
            gpointer     member,
            gpointer     user_data)
{
  bind_text_with_tooltip (item, hc_member_get_title (member));
}

static void
department_show (GtkListItem *item,
                 gpointer     member,
                 gpointer     user_data)
{
  bind_text (item, hc_member_get_department (member));
}

static void
manager_show (GtkListItem *item,
              gpointer     member,
              gpointer     user_data)
{
  bind_text (item, hc_member_get_manager_name (member));
}

static void
hr_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             HcMembersPage            *self)
{
  GtkWidget *image = gtk_image_new ();

  gtk_widget_set_halign (image, GTK_ALIGN_START);
  gtk_widget_add_css_class (image, "hr-status-icon");
  gtk_list_item_set_child (item, image);
}

/* GTK 4.8 asks the X server where the pointer is each time the tooltip of
 * a visible widget is set: a round trip for each row bound, and on a busy
 * machine the X server's turn to answer. Rows are bound once they are in
 * the view (rooted), so the tooltip is set while the cell is hidden,
 * whether or not it is rooted yet. */
static void
set_cell_tooltip (GtkWidget  *widget,
                  const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return;
  if (gtk_widget_get_visible (widget))
    {
      gtk_widget_set_visible (widget, FALSE);
      gtk_widget_set_tooltip_text (widget, text);
      gtk_widget_set_visible (widget, TRUE);
    }
  else
    gtk_widget_set_tooltip_text (widget, text);
}

static void
hr_show (GtkListItem *item,
         gpointer     data,
         gpointer     user_data)
{
  HcMember *member = data;
  GtkWidget *image = gtk_list_item_get_child (item);
  const char *icon_name = NULL;
  const char *style = NULL;
  const char *label = NULL;

  switch (hc_member_get_hr_status (member))
    {
    case HC_HR_STATUS_MANAGED:
      icon_name = "emblem-ok-symbolic";
      style = "success";
      label = _("Managed by HR");
      break;

    case HC_HR_STATUS_PREVIOUSLY_MANAGED:
      icon_name = "dialog-warning-symbolic";
      style = "warning";
      label = _("No longer managed: left the HR scope");
      break;

    case HC_HR_STATUS_MANUAL:
    default:
      break;
    }

  gtk_widget_remove_css_class (image, "success");
  gtk_widget_remove_css_class (image, "warning");

  if (icon_name == NULL)
    {
      gtk_image_clear (GTK_IMAGE (image));
      set_cell_tooltip (image, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (image), icon_name);
  gtk_widget_add_css_class (image, style);
  set_cell_tooltip (image, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* The rows show the members through slots (HcSlotModel): a search keeps
 * the rows and sets again what they show. */
static void
name_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              HcMembersPage            *self)
{
  hc_list_slot_bind (item, name_show, self);
}

static void
email_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               HcMembersPage            *self)
{
  hc_list_slot_bind (item, email_show, self);
}

static void
title_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               HcMembersPage            *self)
{
  hc_list_slot_bind (item, title_show, self);
}

static void
department_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    HcMembersPage            *self)
{
  hc_list_slot_bind (item, department_show, self);
}

static void
manager_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 HcMembersPage            *self)
{
  hc_list_slot_bind (item, manager_show, self);
}

static void
hr_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            HcMembersPage            *self)
{
  hc_list_slot_bind (item, hr_show, self);
}

/* Template callbacks */

static void
tab_toggled_cb (HcMembersPage   *self,
                GtkToggleButton *button)
{
  HcMemberState state;

  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->invited_button)
    state = HC_MEMBER_STATE_INVITED;
  else if (button == self->archived_button)
    state = HC_MEMBER_STATE_ARCHIVED;
  else
    state = HC_MEMBER_STATE_ACTIVE;

  /* Our own switch_tab() toggling the button: nothing to do. */
  if (state != self->tab)
    hc_members_page_set_tab (self, state);
}

/* The filter's rows again, after the admin changed what it shows (a
 * search, a tab, a group or a role). When nothing is selected, the rows
 * stay where they are and show the members that now come there: a letter
 * typed that narrows 96,000 members to 15,000 would otherwise destroy the
 * view's 200 rows and build them again in the keystroke's frame. A
 * selection is kept by position, and would then hold other members: the
 * rows are replaced as before. */
static void
filter_again (HcMembersPage *self,
              gboolean       narrowing)
{
  g_autoptr (GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  hc_slot_model_set_in_place (self->slots, gtk_bitset_is_empty (selected));
  hc_member_filter_changed (self->filter_model, narrowing);
  hc_slot_model_set_in_place (self->slots, FALSE);
}

/* What the admin asked to see (a search, a tab, a group, a role) shows
 * from its first member: rows changed in place would otherwise stay
 * scrolled where the list before them was. */
static void
show_from_top (HcMembersPage *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

/* The matches of the search counted, then the filter run again reading
 * their marks (no second pass over each member's text), then the
 * counts shown: after a search or a group changed. @old_folded, the
 * search the matches were of, lets typing on re-check only those. */
static void
match_and_filter (HcMembersPage *self,
                  const char    *old_folded,
                  gboolean       narrowing)
{
  count_matches (self, old_folded);
  self->marks_fresh = TRUE;
  filter_again (self, narrowing);
  self->marks_fresh = FALSE;
  update_counts (self);
  update_other_tabs (self);
}

static void
apply_search (HcMembersPage *self,
              const char    *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    text = "";

  if (g_strcmp0 (get_search (self), text) == 0)
    return;

  g_free (self->search_text);
  self->search_text = g_strdup (text);

  /* "search-text" is folded by the core (no case, no accents, Ø → o):
   * fold the query the same way, so "ZOÉ" and "zoe" find "Zoé". */
  folded = g_strstrip (hc_member_fold_search_text (text));
  {
    GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;
    const char *old = self->search_folded ? self->search_folded : "";

    /* typing on narrows, deleting widens: the model then re-checks only
     * the rows that can change */
    if (strstr (folded, old) != NULL)
      change = GTK_FILTER_CHANGE_MORE_STRICT;
    else if (strstr (old, folded) != NULL)
      change = GTK_FILTER_CHANGE_LESS_STRICT;

    if (g_strcmp0 (old, folded) != 0)
      {
        g_autofree char *old_folded = g_steal_pointer (&self->search_folded);

        self->search_folded = g_steal_pointer (&folded);
        match_and_filter (self, old_folded, change == GTK_FILTER_CHANGE_MORE_STRICT);
        show_from_top (self);
      }
  }
  update_no_results_status (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

static void
search_changed_cb (HcMembersPage  *self,
                   GtkSearchEntry *entry)
{
  apply_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
stop_search_cb (HcMembersPage  *self,
                GtkSearchEntry *entry)
{
  hc_members_page_set_search_text (self, "");
}

static void
row_activated_cb (HcMembersPage *self,
                  guint          position,
                  GtkColumnView *column_view)
{
  g_autoptr (HcMember) member = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (member != NULL)
    hc_members_page_show_member (self, member);
}

/* The notice while an HR system manages members */

static void
update_notice (HcMembersPage     *self,
               const MemberTally *tally)
{
  g_autoptr (GString) names = g_string_new (NULL);
  guint n_managed = tally->n_managed;

  g_clear_pointer (&self->notice, g_free);
  if (n_managed > 0)
    {
      for (guint i = 0; i < tally->connectors->len; i++)
        {
          gint64 *id = &g_array_index (tally->connectors, gint64, i);
          const char *name = self->connector_names != NULL ? g_hash_table_lookup (self->connector_names, id) : NULL;

          if (names->len > 0)
            /* Translators: between the names of two HR systems, "Personio, BambooHR" */
            g_string_append (names, _(", "));
          g_string_append (names, name != NULL ? name : _("an HR system"));
        }
      /* Translators: "269 members are managed by Personio: …" */
      self->notice = g_strdup_printf (ngettext ("%u member is managed by %s: their HR fields are updated by each sync",
                                                "%u members are managed by %s: their HR fields are updated by each sync",
                                                n_managed),
                                      n_managed, names->str);
    }
  gtk_label_set_label (self->notice_label, self->notice != NULL ? self->notice : "");
}

/* Adding members, exporting invitations */

static void
add_member_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  hc_members_page_add_member (HC_MEMBERS_PAGE (widget));
}

static void
show_toast (HcMembersPage *self,
            const char    *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.add-toast", "s", text);
}

typedef struct
{
  HcMembersPage *self;
  char          *link;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_object_unref (data->self);
  g_free (data->link);
  g_free (data);
}

static void
export_file_chosen_cb (GtkNativeDialog *chooser,
                       int              response,
                       gpointer         user_data)
{
  ExportData *data = user_data;
  HcMembersPage *self = data->self;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GError) error = NULL;
      guint n_exported = 0;

      if (!hc_members_page_export_invitations (self, file, data->link, &n_exported, &error))
        {
          g_autofree char *text = NULL;

          /* Translators: %s says why */
          text = g_strdup_printf (_("Could not export the invitations: %s"), error->message);
          show_toast (self, text);
        }
      else
        {
          g_autofree char *text = NULL;

          text = g_strdup_printf (ngettext ("%u invitation exported and marked sent",
                                            "%u invitations exported and marked sent", n_exported),
                                  n_exported);
          show_toast (self, text);
        }
    }
  export_data_free (data);
  g_object_unref (chooser);
}

static void
export_confirm_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   HcMembersPage    *self)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  GtkFileChooserNative *chooser;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  ExportData *data;

  if (!g_str_equal (response, "export"))
    return;

  data = g_new0 (ExportData, 1);
  data->self = g_object_ref (self);
  data->link = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  chooser = gtk_file_chooser_native_new (_("Export Invitations to Send"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: a file name */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("invitations.csv"));
  g_signal_connect (chooser, "response", G_CALLBACK (export_file_chosen_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_invitations_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  HcMembersPage *self = HC_MEMBERS_PAGE (widget);
  g_autoptr (GArray) to_send = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *link = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  GtkWidget *entry;
  guint n_test = 0;

  if (self->store == NULL)
    return;
  to_send = hc_store_list_invitations_to_send (self->store, &n_test, &error);
  if (to_send == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  if (to_send->len == 0)
    {
      show_toast (self, n_test > 0 ? _("No invitations to send: a test instance never sends any")
                                   : _("No invitations to send: every invitation was exported"));
      return;
    }

  body = g_strdup_printf (ngettext ("%u invitation waits to be sent. The CSV file lists each person’s name, "
                                    "e-mail and sign-up link, for a mail merge or your platform’s bulk invite. "
                                    "Once the file is saved, the invitation is marked sent.",
                                    "%u invitations wait to be sent. The CSV file lists each person’s name, "
                                    "e-mail and sign-up link, for a mail merge or your platform’s bulk invite. "
                                    "Once the file is saved, the invitations are marked sent.",
                                    to_send->len),
                          to_send->len);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Export Invitations to Send?"), body);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Sign-up link, such as https://app.example.com/join"));
  gtk_widget_set_tooltip_text (entry, _("Where people sign up; “{email}” in it becomes each person’s e-mail"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sign-up link"), -1);
  link = hc_store_dup_workspace_setting (self->store, SIGNUP_LINK_SETTING);
  if (link != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), link);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_confirm_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Several members at once */

static GArray *
dup_selected_ids (HcMembersPage *self)
{
  g_autoptr (GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr (HcMember) member = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);
      gint64 id;

      if (member == NULL)
        continue;
      id = hc_member_get_id (member);
      g_array_append_val (ids, id);
    }
  return ids;
}

static void
update_selection_bar (HcMembersPage *self)
{
  g_autoptr (GtkBitset) selected = NULL;
  g_autofree char *text = NULL;
  guint n;

  if (self->selection == NULL || self->selection_label == NULL)
    return;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  n = (guint) gtk_bitset_get_size (selected);
  text = g_strdup_printf (ngettext ("%u member selected", "%u members selected", n), n);
  gtk_label_set_label (self->selection_label, text);
  gtk_widget_set_visible (self->selection_resend_button, self->tab == HC_MEMBER_STATE_INVITED);
  gtk_widget_set_visible (self->selection_joined_button, self->tab == HC_MEMBER_STATE_INVITED);
  gtk_widget_set_visible (self->selection_restore_button, self->tab == HC_MEMBER_STATE_ARCHIVED);
  gtk_widget_set_visible (self->selection_archive_button, self->tab != HC_MEMBER_STATE_ARCHIVED);
  gtk_widget_set_visible (self->selection_remove_group_button, self->group_path != NULL);
  gtk_revealer_set_reveal_child (self->selection_revealer, n > 0);
}

static void
after_selected_change (HcMembersPage *self,
                       const char    *text)
{
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  show_toast (self, text);
  /* The history shows the change too. */
  hc_session_members_changed (hc_session_get_for_store (self->store), NULL, 0);
}

gboolean
hc_members_page_change_selected (HcMembersPage *self,
                                 const char    *change,
                                 GError       **error)
{
  g_autoptr (GArray) ids = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  g_return_val_if_fail (HC_IS_MEMBERS_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  ids = dup_selected_ids (self);
  if (ids->len == 0)
    return TRUE;
  if (g_str_equal (change, "archive"))
    {
      ok = hc_directory_archive_members (self->store, ids, NULL, error);
      text = g_strdup_printf (ngettext ("%u member archived", "%u members archived", ids->len), ids->len);
    }
  else if (g_str_equal (change, "restore"))
    {
      ok = hc_directory_restore_members (self->store, ids, NULL, error);
      text = g_strdup_printf (ngettext ("%u member restored", "%u members restored", ids->len), ids->len);
    }
  else if (g_str_equal (change, "mark-joined"))
    {
      ok = hc_directory_mark_joined (self->store, ids, NULL, error);
      text = g_strdup_printf (ngettext ("%u member joined: active now", "%u members joined: active now",
                                        ids->len), ids->len);
    }
  else
    {
      ok = hc_directory_resend_invitations (self->store, ids, NULL, error);
      text = g_strdup_printf (ngettext ("%u invitation goes out with the next export",
                                        "%u invitations go out with the next export", ids->len), ids->len);
    }
  if (ok)
    after_selected_change (self, text);
  return ok;
}

static void
change_selected_or_say (HcMembersPage *self,
                        const char    *change)
{
  g_autoptr (GError) error = NULL;

  if (!hc_members_page_change_selected (self, change, &error))
    show_toast (self, error->message);
}

static void
selected_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  const char *change = strchr (action_name, '.') + 1;
  g_autofree char *name = g_strndup (change, strlen (change) - strlen ("-selected"));

  change_selected_or_say (HC_MEMBERS_PAGE (widget), name);
}

static void
archive_selected_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              HcMembersPage    *self)
{
  if (g_str_equal (response, "archive"))
    change_selected_or_say (self, "archive");
}

static void
archive_selected_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  HcMembersPage *self = HC_MEMBERS_PAGE (widget);
  g_autoptr (GArray) ids = dup_selected_ids (self);
  g_autofree char *heading = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (ids->len == 0)
    return;
  heading = g_strdup_printf (ngettext ("Archive %u Member?", "Archive %u Members?", ids->len), ids->len);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("They lose access and move to the Archived tab. A member an HR system still "
                                     "has in scope comes back with its next sync."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "archive", _("_Archive"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "archive", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (archive_selected_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Groups: the filter, Add to Group…, Remove from Group */

static void
load_group_ids (HcMembersPage *self)
{
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;

  g_clear_pointer (&self->group_ids, g_hash_table_unref);
  if (self->group_path == NULL || self->store == NULL)
    return;
  ids = hc_groups_list_members (self->store, self->group_path, &error);
  if (ids == NULL)
    g_warning ("Could not list the members of a group: %s", error->message);
  self->group_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_hash_table_add (self->group_ids, &g_array_index (ids, gint64, i));
  /* The set points into the array: it keeps it. */
  g_object_set_data_full (G_OBJECT (self), "hc-group-ids", g_steal_pointer (&ids),
                          (GDestroyNotify) g_array_unref);

  label = hc_group_actions_dup_label (self->group_path);
  /* Translators: a group, "Paris / Engineering" */
  text = g_strdup_printf (_("Members of “%s” and its subgroups"), label);
  gtk_label_set_label (self->group_label, text);
}

static void
group_filter_changed (HcMembersPage *self)
{
  load_group_ids (self);
  update_no_results_status (self);
  /* The same search: its matches stand, their groups changed. */
  match_and_filter (self, self->search_folded, FALSE);
  update_selection_bar (self);
  update_state (self);
}

static void
clear_group_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  hc_members_page_set_group (HC_MEMBERS_PAGE (widget), NULL);
}

static void
group_added_cb (gpointer    user_data,
                const char *message)
{
  HcMembersPage *self = user_data;

  after_selected_change (self, message);
}

static void
add_to_group_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HcMembersPage *self = HC_MEMBERS_PAGE (widget);
  g_autoptr (GArray) ids = dup_selected_ids (self);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (ids->len == 0 || self->store == NULL)
    return;
  hc_group_actions_choose_and_add (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, ids,
                                   group_added_cb, g_object_ref (self), g_object_unref);
}

static void
remove_from_group_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  HcMembersPage *self = HC_MEMBERS_PAGE (widget);
  g_autoptr (GArray) ids = dup_selected_ids (self);
  g_autofree char *message = NULL;
  g_autoptr (GError) error = NULL;

  if (ids->len == 0 || self->store == NULL || self->group_path == NULL)
    return;
  if (!hc_group_actions_remove (self->store, self->group_path, ids, &message, &error))
    show_toast (self, error->message);
  else
    after_selected_change (self, message);
}

/* Roles: the Role filter */

static void
role_filter_changed_cb (HcMembersPage *self)
{
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  filter_again (self, FALSE);
  show_from_top (self);
  update_state (self);
}

HcRoleColumn *
hc_members_page_get_role_column (HcMembersPage *self)
{
  g_return_val_if_fail (HC_IS_MEMBERS_PAGE (self), NULL);

  return self->role_column;
}

/* Loading */

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  HcStore *store = task_data;
  g_autoptr (GError) error = NULL;
  GPtrArray *members;
  HcRoleIndex *roles;

  members = hc_store_list_members (store, &error);
  /* the Name column's order, here rather than on the main thread */
  if (members != NULL)
    {
      hc_member_list_rank_by_name (members);
      /* the tabs' counts and the notice, here rather than in the frame
       * that shows the members */
      g_object_set_data_full (G_OBJECT (task), "hc-member-tally", member_tally_new (members),
                              (GDestroyNotify) member_tally_free);
    }
  /* the Roles column's data, here rather than per row (rules.md 39) */
  roles = members != NULL ? hc_role_index_load (store, &error) : NULL;

  if (roles == NULL)
    {
      g_clear_pointer (&members, g_ptr_array_unref);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    {
      g_object_set_data_full (G_OBJECT (task), "hc-role-index", roles, (GDestroyNotify) hc_role_index_free);
      g_task_return_pointer (task, members, (GDestroyNotify) g_ptr_array_unref);
    }
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  HcMembersPage *self = HC_MEMBERS_PAGE (object);
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (GError) error = NULL;

  members = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer load replaced this one, or the page went away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (members == NULL)
    {
      /* The description is markup. */
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      g_warning ("Could not load the members: %s", error->message);
      self->load_failed = TRUE;
      adw_status_page_set_description (self->error_status, escaped);
    }
  else
    {
      self->load_failed = FALSE;
      hc_role_column_set_index (self->role_column, g_object_steal_data (G_OBJECT (result), "hc-role-index"));
      set_members (self, members, TRUE, g_object_get_data (G_OBJECT (result), "hc-member-tally"));
    }

  self->load_in_flight = FALSE;
  update_loading (self);
}

/* Narrow widths: fewer columns, the search under the tabs */

#define COMPACT_WIDTH 720

static void
set_compact (HcMembersPage *self,
             gboolean       compact)
{
  if (self->compact == compact)
    return;

  self->compact = compact;

  gtk_column_view_column_set_visible (self->title_column, !compact);
  gtk_column_view_column_set_visible (self->department_column, !compact);
  gtk_column_view_column_set_visible (self->manager_column, !compact);
  gtk_column_view_column_set_visible (hc_role_column_get_column (self->role_column), !compact);
  gtk_column_view_column_set_fixed_width (self->hr_column, compact ? 48 : 72);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->toolbar),
                                  compact ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_halign (GTK_WIDGET (self->search_entry), compact ? GTK_ALIGN_FILL : GTK_ALIGN_END);
}

/* The action bar's padding and the space between the label and the
 * buttons, beside what they measure. */
#define SELECTION_BAR_EXTRA 36

/* How the selection's shown buttons fit in @width: measured button by
 * button, as a row, whatever the box's orientation now. */
static SelectionLayout
selection_layout_for (HcMembersPage *self,
                      int            width)
{
  int row = SELECTION_BAR_EXTRA;
  int natural;
  guint n = 0;

  for (GtkWidget *button = gtk_widget_get_first_child (self->selection_buttons); button != NULL;
       button = gtk_widget_get_next_sibling (button))
    {
      if (!gtk_widget_get_visible (button))
        continue;
      gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      row += natural;
      n++;
    }
  if (n > 1)
    row += (int) (n - 1) * gtk_box_get_spacing (GTK_BOX (self->selection_buttons));
  gtk_widget_measure (GTK_WIDGET (self->selection_label), GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &natural, NULL, NULL);
  if (row + natural <= width)
    return SELECTION_IN_ROW;
  if (row <= width)
    return SELECTION_UNDER_LABEL;
  return SELECTION_STACKED;
}

/* Which buttons show depends on the tab and the group: a row that fits
 * one may cut another. */
static void
set_selection_layout (HcMembersPage  *self,
                      SelectionLayout layout)
{
  if (self->selection_layout == layout)
    return;

  self->selection_layout = layout;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->selection_box),
                                  layout == SELECTION_IN_ROW ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->selection_buttons),
                                  layout == SELECTION_STACKED ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  /* under the label, at the end as in a row; stacked, as wide as the bar */
  gtk_widget_set_halign (self->selection_buttons, layout == SELECTION_STACKED ? GTK_ALIGN_FILL : GTK_ALIGN_END);
}

/* Below this, an e-mail column would cut long addresses. */
#define NARROWEST_WIDTH 480

/* The e-mail lines of the name cells there are (the rows on screen). */
static void
show_email_lines (GtkWidget *widget,
                  gboolean   show)
{
  if (gtk_widget_has_css_class (widget, "member-name-cell"))
    {
      gtk_widget_set_visible (gtk_widget_get_last_child (gtk_widget_get_last_child (widget)), show);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    show_email_lines (child, show);
}

static void
set_narrowest (HcMembersPage *self,
               gboolean       narrowest)
{
  if (self->narrowest == narrowest)
    return;

  self->narrowest = narrowest;
  gtk_column_view_column_set_visible (self->email_column, !narrowest);
  show_email_lines (GTK_WIDGET (self->column_view), narrowest);
}

static gboolean
compact_idle_cb (gpointer user_data)
{
  HcMembersPage *self = user_data;

  self->compact_idle = 0;
  set_compact (self, gtk_widget_get_width (GTK_WIDGET (self)) < COMPACT_WIDTH);
  set_narrowest (self, gtk_widget_get_width (GTK_WIDGET (self)) < NARROWEST_WIDTH);
  set_selection_layout (self, selection_layout_for (self, gtk_widget_get_width (GTK_WIDGET (self))));

  return G_SOURCE_REMOVE;
}

/* A bin by hand rather than GtkBinLayout: a layout manager would take
 * size_allocate away from us. */
static GtkSizeRequestMode
hc_members_page_get_request_mode (GtkWidget *widget)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  return child != NULL ? gtk_widget_get_request_mode (child) : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
hc_members_page_measure (GtkWidget     *widget,
                         GtkOrientation orientation,
                         int            for_size,
                         int           *minimum,
                         int           *natural,
                         int           *minimum_baseline,
                         int           *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size,
                        minimum, natural, minimum_baseline, natural_baseline);
}

static void
hc_members_page_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  HcMembersPage *self = HC_MEMBERS_PAGE (widget);
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);

  /* Switching columns inside an allocation would resize during it: do it
   * right after. libadwaita 1.2 has no breakpoints. */
  if (((width < COMPACT_WIDTH) != self->compact || (width < NARROWEST_WIDTH) != self->narrowest ||
       selection_layout_for (self, width) != self->selection_layout) &&
      self->compact_idle == 0)
    self->compact_idle = g_idle_add (compact_idle_cb, self);
}

/* GObject */

/* The workspace changed: show it as it is now. */
static void
members_changed_cb (HcMembersPage *self)
{
  hc_members_page_reload (self);
}

static void
hc_members_page_dispose (GObject *object)
{
  HcMembersPage *self = HC_MEMBERS_PAGE (object);
  GtkWidget *child;

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->sync_flow);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->compact_idle, g_source_remove);

  /* Removing the columns changes the sorter: no state updates from here. */
  if (self->sort_model != NULL)
    g_signal_handlers_disconnect_by_data (self->sort_model, self);
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);

  gtk_widget_dispose_template (GTK_WIDGET (self), HC_TYPE_MEMBERS_PAGE);
  /* The template's root is not a bound child: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->role_column);
  g_clear_object (&self->members);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hc_members_page_parent_class)->dispose (object);
}

static void
hc_members_page_finalize (GObject *object)
{
  HcMembersPage *self = HC_MEMBERS_PAGE (object);

  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->search_folded, g_free);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->match_marks, g_free);
  g_clear_pointer (&self->connector_names, g_hash_table_unref);
  g_clear_pointer (&self->notice, g_free);
  g_clear_pointer (&self->group_path, g_free);
  g_clear_pointer (&self->group_ids, g_hash_table_unref);

  G_OBJECT_CLASS (hc_members_page_parent_class)->finalize (object);
}

static void
hc_members_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HcMembersPage *self = HC_MEMBERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_TAB:
      g_value_set_enum (value, self->tab);
      break;

    case PROP_SEARCH_TEXT:
      g_value_set_string (value, get_search (self));
      break;

    case PROP_STATE_NAME:
      g_value_set_string (value, hc_members_page_get_state_name (self));
      break;

    case PROP_GROUP:
      g_value_set_string (value, self->group_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_members_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HcMembersPage *self = HC_MEMBERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      hc_members_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_TAB:
      hc_members_page_set_tab (self, g_value_get_enum (value));
      break;

    case PROP_SEARCH_TEXT:
      hc_members_page_set_search_text (self, g_value_get_string (value));
      break;

    case PROP_GROUP:
      hc_members_page_set_group (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_members_page_class_init (HcMembersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hc_members_page_dispose;
  object_class->finalize = hc_members_page_finalize;
  object_class->get_property = hc_members_page_get_property;
  object_class->set_property = hc_members_page_set_property;
  widget_class->get_request_mode = hc_members_page_get_request_mode;
  widget_class->measure = hc_members_page_measure;
  widget_class->size_allocate = hc_members_page_size_allocate;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, HC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TAB] =
    g_param_spec_enum ("tab", NULL, NULL, HC_TYPE_MEMBER_STATE, HC_MEMBER_STATE_ACTIVE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATE_NAME] =
    g_param_spec_string ("state-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_GROUP] =
    g_param_spec_string ("group", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The template's sorters look HcMember up by name. */
  g_type_ensure (HC_TYPE_MEMBER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/headcount/Headcount/hc-members-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, toolbar_separator);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, active_button);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, invited_button);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, archived_button);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, active_count);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, invited_count);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, archived_count);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, export_invitations_button);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, selection_box);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, selection_buttons);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, notice_box);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, selection_revealer);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, selection_resend_button);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, selection_joined_button);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, selection_restore_button);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, selection_archive_button);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, selection_remove_group_button);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, group_box);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, group_label);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, empty_tab_status);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, no_results_status);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, other_tabs_box);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, email_column);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, title_column);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, department_column);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, manager_column);
  gtk_widget_class_bind_template_child (widget_class, HcMembersPage, hr_column);
  gtk_widget_class_bind_template_callback (widget_class, tab_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, email_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, email_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, department_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, manager_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, hr_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, hr_bind_cb);

  gtk_widget_class_install_action (widget_class, "members.add", NULL, add_member_action);
  gtk_widget_class_install_action (widget_class, "members.export-invitations", NULL, export_invitations_action);
  gtk_widget_class_install_action (widget_class, "members.mark-joined-selected", NULL, selected_action);
  gtk_widget_class_install_action (widget_class, "members.resend-selected", NULL, selected_action);
  gtk_widget_class_install_action (widget_class, "members.restore-selected", NULL, selected_action);
  gtk_widget_class_install_action (widget_class, "members.archive-selected", NULL, archive_selected_action);
  gtk_widget_class_install_action (widget_class, "members.add-to-group", NULL, add_to_group_action);
  gtk_widget_class_install_action (widget_class, "members.remove-from-group", NULL, remove_from_group_action);
  gtk_widget_class_install_action (widget_class, "members.clear-group", NULL, clear_group_action);

  gtk_widget_class_set_css_name (widget_class, "hc-members-page");
}

static void
hc_members_page_init (HcMembersPage *self)
{
  GtkExpression *hr_params[1];
  GtkExpression *hr_expression;
  GtkSorter *hr_sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Tab leaves the table; the arrow keys go from row to row. */
  hc_tab_out_install (GTK_WIDGET (self->column_view));

  self->session_signals = g_signal_group_new (HC_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "members-changed", G_CALLBACK (members_changed_cb), self);

  self->tab = HC_MEMBER_STATE_ACTIVE;
  self->members = hc_member_list_new ();

  self->role_column = hc_role_column_new (self->column_view, self->department_column);
  gtk_widget_insert_after (hc_role_column_get_filter_widget (self->role_column),
                           gtk_widget_get_parent (GTK_WIDGET (self->search_entry)), GTK_WIDGET (self->search_entry));
  g_signal_connect_object (self->role_column, "notify::role", G_CALLBACK (role_filter_changed_cb), self,
                           G_CONNECT_SWAPPED);

  {
    g_autoptr (GtkSorter) name_sorter = hc_member_list_new_name_sorter ();

    gtk_column_view_column_set_sorter (self->name_column, name_sorter);
  }
  set_string_sorter (self->email_column, G_CALLBACK (sort_key_email));
  set_string_sorter (self->title_column, G_CALLBACK (sort_key_title));
  set_string_sorter (self->department_column, G_CALLBACK (sort_key_department));
  set_string_sorter (self->manager_column, G_CALLBACK (sort_key_manager));

  hr_params[0] = gtk_property_expression_new (HC_TYPE_MEMBER, NULL, "hr-status");
  hr_expression = gtk_cclosure_expression_new (G_TYPE_INT, NULL, 1, hr_params,
                                               G_CALLBACK (hr_status_rank), NULL, NULL);
  hr_sorter = GTK_SORTER (gtk_numeric_sorter_new (hr_expression));
  gtk_column_view_column_set_sorter (self->hr_column, hr_sorter);
  g_object_unref (hr_sorter);

  /* By name, with the name column's keyed sorter, until a header is clicked. */
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
  /* The members come in that order (set_members ()): until a header is
   * clicked, the filter reads them as they are and the sort model, with
   * no model, costs nothing on a load (a reference and a comparison per
   * member, on the main thread). */
  self->sort_model = gtk_sort_list_model_new (NULL,
                                              g_object_ref (gtk_column_view_column_get_sorter (self->name_column)));
  self->filter_model = hc_member_filter_new (G_LIST_MODEL (self->members), member_filter_func, self);
  /* before the page's own handler: the slots are in step with the filter
   * by the time anything it does reads the rows */
  self->slots = hc_slot_model_new (G_LIST_MODEL (self->filter_model));
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (column_sorter_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (model_items_changed_cb), self, G_CONNECT_SWAPPED);

  /* Several members at once: mark them joined, archive them… A load or
   * a search cleared shows its rows a few a frame (the same positions:
   * a prefix of the filter's). */
  self->reveal = hc_reveal_model_new (G_LIST_MODEL (self->slots), GTK_WIDGET (self->column_view));
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (self->reveal));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (update_selection_bar), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (update_selection_bar), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  update_empty_tab_status (self);
  update_counts (self);
  update_state (self);
}

HcMembersPage *
hc_members_page_new (void)
{
  return g_object_new (HC_TYPE_MEMBERS_PAGE, NULL);
}

HcStore *
hc_members_page_get_store (HcMembersPage *self)
{
  g_return_val_if_fail (HC_IS_MEMBERS_PAGE (self), NULL);

  return self->store;
}

void
hc_members_page_set_store (HcMembersPage *self,
                           HcStore       *store)
{
  g_return_if_fail (HC_IS_MEMBERS_PAGE (self));
  g_return_if_fail (store == NULL || HC_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals,
                               store != NULL ? hc_session_get_for_store (store) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);

  if (store != NULL)
    hc_members_page_reload (self);
}

void
hc_members_page_reload (HcMembersPage *self)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GPtrArray) connectors = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (HC_IS_MEMBERS_PAGE (self));

  if (self->store == NULL)
    return;

  hc_destination_column_update (self->column_view, self->store);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  connectors = hc_store_list_connectors (self->store, &error);
  if (connectors == NULL)
    g_warning ("Could not list the connectors: %s", error->message);
  self->has_connector = connectors != NULL && connectors->len > 0;
  g_clear_pointer (&self->connector_names, g_hash_table_unref);
  self->connector_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; connectors != NULL && i < connectors->len; i++)
    {
      HcConnectorInfo *info = g_ptr_array_index (connectors, i);

      g_hash_table_insert (self->connector_names, g_memdup2 (&info->id, sizeof info->id), g_strdup (info->name));
    }

  /* Who is in the filtered group may have changed too. */
  if (self->group_path != NULL)
    group_filter_changed (self);

  self->load_in_flight = TRUE;
  update_loading (self);

  task = g_task_new (self, self->cancellable, load_cb, NULL);
  g_task_set_source_tag (task, hc_members_page_reload);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

gboolean
hc_members_page_get_loading (HcMembersPage *self)
{
  g_return_val_if_fail (HC_IS_MEMBERS_PAGE (self), FALSE);

  return self->loading;
}

GListModel *
hc_members_page_get_model (HcMembersPage *self)
{
  g_return_val_if_fail (HC_IS_MEMBERS_PAGE (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

void
hc_members_page_set_members (HcMembersPage *self,
                             GPtrArray     *members)
{
  g_return_if_fail (HC_IS_MEMBERS_PAGE (self));
  g_return_if_fail (members != NULL);

  set_members (self, members, FALSE, NULL);
}

/* @tally: of @members, or NULL to make it here */
static void
set_members (HcMembersPage     *self,
             GPtrArray         *members,
             gboolean           ranked_by_loader,
             const MemberTally *tally)
{
  g_autoptr (GPtrArray) copy = NULL;
  g_autoptr (MemberTally) own = NULL;
  const guint *counts;

  if (tally == NULL)
    tally = own = member_tally_new (members);
  counts = tally->counts;
  memcpy (self->counts, counts, sizeof self->counts);
  update_notice (self, tally);

  /* The loader ranks and orders them in its thread, and its array
   * becomes the page's own; other callers' members are copied, and
   * ranked and ordered here: the table shows them in this order until a
   * header is clicked. */
  if (!ranked_by_loader)
    {
      copy = g_ptr_array_new_full (members->len, g_object_unref);
      for (guint i = 0; i < members->len; i++)
        g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (members, i)));
      if (!hc_member_list_is_in_name_order (copy))
        hc_member_list_rank_by_name (copy);
      members = copy;
    }

  /* Nobody chose a tab and this one would be empty: show the first tab
   * with members (after a first sync everyone is invited). Before the
   * splice, so the members are filtered once. */
  if (!self->tab_chosen && counts[self->tab] == 0)
    {
      for (guint i = 0; i < N_TABS; i++)
        {
          if (counts[i] > 0)
            {
              switch_tab (self, i);
              break;
            }
        }
    }

  hc_member_list_take (self->members, copy != NULL ? g_steal_pointer (&copy) : g_ptr_array_ref (members));
  /* Other members: the search is matched afresh. */
  g_clear_pointer (&self->matches, g_array_unref);
  update_matches (self, NULL);

  update_state (self);
}

HcMemberState
hc_members_page_get_tab (HcMembersPage *self)
{
  g_return_val_if_fail (HC_IS_MEMBERS_PAGE (self), HC_MEMBER_STATE_ACTIVE);

  return self->tab;
}

static void
switch_tab (HcMembersPage *self,
            HcMemberState  state)
{
  GtkToggleButton *buttons[N_TABS] = { self->active_button, self->invited_button, self->archived_button };

  if (self->tab == state)
    return;

  self->tab = state;
  gtk_toggle_button_set_active (buttons[state], TRUE);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));

  filter_again (self, FALSE);
  show_from_top (self);
  update_empty_tab_status (self);
  update_other_tabs (self);
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAB]);
}

void
hc_members_page_set_tab (HcMembersPage *self,
                         HcMemberState  state)
{
  g_return_if_fail (HC_IS_MEMBERS_PAGE (self));
  g_return_if_fail ((guint) state < N_TABS);

  self->tab_chosen = TRUE;
  switch_tab (self, state);
}

guint
hc_members_page_get_match_count (HcMembersPage *self,
                                 HcMemberState  state)
{
  g_return_val_if_fail (HC_IS_MEMBERS_PAGE (self), 0);
  g_return_val_if_fail ((guint) state < N_TABS, 0);

  return self->match_counts[state];
}

guint
hc_members_page_get_tab_count (HcMembersPage *self,
                               HcMemberState  state)
{
  g_return_val_if_fail (HC_IS_MEMBERS_PAGE (self), 0);
  g_return_val_if_fail ((guint) state < N_TABS, 0);

  return self->counts[state];
}

const char *
hc_members_page_get_search_text (HcMembersPage *self)
{
  g_return_val_if_fail (HC_IS_MEMBERS_PAGE (self), NULL);

  return get_search (self);
}

void
hc_members_page_set_search_text (HcMembersPage *self,
                                 const char    *text)
{
  g_return_if_fail (HC_IS_MEMBERS_PAGE (self));

  if (text == NULL)
    text = "";

  /* set_text() empties the entry first, and an empty search entry emits
   * "search-changed" at once: that would show everyone, then filter. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
    {
      g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
      g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
    }

  apply_search (self, text);
}

void
hc_members_page_focus_search (HcMembersPage *self)
{
  g_return_if_fail (HC_IS_MEMBERS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
hc_members_page_set_syncing (HcMembersPage *self,
                             gboolean       syncing)
{
  g_return_if_fail (HC_IS_MEMBERS_PAGE (self));

  self->syncing = !!syncing;
  update_state (self);
}

const char *
hc_members_page_get_state_name (HcMembersPage *self)
{
  g_return_val_if_fail (HC_IS_MEMBERS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWindow *
hc_members_page_show_member (HcMembersPage *self,
                             HcMember      *member)
{
  GtkRoot *root;
  HcMemberDialog *dialog;

  g_return_val_if_fail (HC_IS_MEMBERS_PAGE (self), NULL);
  g_return_val_if_fail (HC_IS_MEMBER (member), NULL);

  dialog = hc_member_dialog_new (self->store, member);
  hc_member_dialog_set_sync_flow (dialog, self->sync_flow);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));

  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

GtkWindow *
hc_members_page_add_member (HcMembersPage *self)
{
  HcMemberForm *form;
  GtkRoot *root;

  g_return_val_if_fail (HC_IS_MEMBERS_PAGE (self), NULL);

  if (self->store == NULL)
    return NULL;
  form = hc_member_form_new_add (self->store);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (form), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (form));
  return GTK_WINDOW (form);
}

gboolean
hc_members_page_export_invitations (HcMembersPage *self,
                                    GFile         *file,
                                    const char    *link,
                                    guint         *n_exported,
                                    GError       **error)
{
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (GArray) exported = NULL;
  g_autoptr (GCancellable) abandon = NULL;
  guint n_marked = 0;

  g_return_val_if_fail (HC_IS_MEMBERS_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (link != NULL && *link == '\0')
    link = NULL;
  if (!hc_store_set_workspace_setting (self->store, SIGNUP_LINK_SETTING, link, error))
    return FALSE;

  /* Personal data: readable by the admin only, as Export Members writes it. */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                           NULL, error);
  if (stream == NULL)
    return FALSE;
  if (!hc_directory_export_invitations (self->store, G_OUTPUT_STREAM (stream), ',', HC_CSV_WRITER_BOM, link,
                                        &exported, NULL, NULL, error))
    {
      abandon = g_cancellable_new ();
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error))
    return FALSE;
  /* Sent once the whole file is written. */
  if (!hc_store_mark_invitations_sent (self->store, exported, g_get_real_time (), &n_marked, error))
    return FALSE;
  if (n_exported != NULL)
    *n_exported = exported->len;
  return TRUE;
}

const char *
hc_members_page_get_notice (HcMembersPage *self)
{
  g_return_val_if_fail (HC_IS_MEMBERS_PAGE (self), NULL);

  return self->notice;
}

GtkSelectionModel *
hc_members_page_get_selection_model (HcMembersPage *self)
{
  g_return_val_if_fail (HC_IS_MEMBERS_PAGE (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

void
hc_members_page_set_sync_flow (HcMembersPage *self,
                               HcSyncFlow    *flow)
{
  g_return_if_fail (HC_IS_MEMBERS_PAGE (self));
  g_return_if_fail (flow == NULL || HC_IS_SYNC_FLOW (flow));

  g_set_object (&self->sync_flow, flow);
}

const char *
hc_members_page_get_group (HcMembersPage *self)
{
  g_return_val_if_fail (HC_IS_MEMBERS_PAGE (self), NULL);

  return self->group_path;
}

void
hc_members_page_set_group (HcMembersPage *self,
                           const char    *path)
{
  g_return_if_fail (HC_IS_MEMBERS_PAGE (self));

  if (path != NULL && *path == '\0')
    path = NULL;
  if (g_strcmp0 (self->group_path, path) == 0)
    return;
  g_free (self->group_path);
  self->group_path = g_strdup (path);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  group_filter_changed (self);
  show_from_top (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP]);
}
