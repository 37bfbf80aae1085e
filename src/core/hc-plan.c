/* hc-plan.c — the pure diff: employees + members + config → plan (rules.md 3–12, 16–21)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-plan"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hc-email.h"
#include "hc-error.h"
#include "hc-gstring.h"
#include "hc-mapping.h"
#include "hc-plan.h"
#include "hc-group-plan.h"
#include "hc-json.h"
#include "hc-memory.h"
#include "hc-scope.h"

struct _HcPlan
{
  GObject      parent_instance;

  gint64       connector_id;
  GPtrArray   *items;           /* of HcPlanItem* */
  GPtrArray   *warnings;        /* of char* */
  GPtrArray   *upcoming;        /* of HcPlanUpcoming* */
  guint        counts[HC_PLAN_N_KINDS];
  guint        archive_threshold;
  guint        managed;         /* the connector's managed members before the sync */
  GHashTable  *managed_leavers; /* gint64* member id of a managed member that leaves */
  gboolean     first_sync;
  char        *confirmation_reason;
  GHashTable  *scope;           /* employee id (the employee's) → HcScopeResult + 1 */
  GPtrArray   *employees;       /* what @scope's keys belong to */
  HcGroupPlan *group_plan;      /* groups and roles (hc-group-plan.h), or NULL */
};

G_DEFINE_FINAL_TYPE (HcPlan, hc_plan, G_TYPE_OBJECT)

static const char * const kind_names[HC_PLAN_N_KINDS] = {
  "invite", "create_no_access", "become_managed", "update", "archive", "unmanage", "skip", "unchanged",
  "remove",
};

static const char * const reason_names[] = {
  NULL, "filtered_out", "excluded", "inactive", "status", "not_started", "duplicate_email",
  "duplicate_id", "missing_required_field", "foreign_member", "gone",
  "invalid_data",
};

static const char * const match_names[] = { NULL, "employee_id", "email" };

/* Member targets compared and written as plain text. */
static const char * const text_targets[] = {
  HC_MEMBER_FIELD_FIRST_NAME, HC_MEMBER_FIELD_LAST_NAME, HC_MEMBER_FIELD_PREFERRED_NAME,
  HC_MEMBER_FIELD_EMAIL, HC_MEMBER_FIELD_TITLE, HC_MEMBER_FIELD_DEPARTMENT, HC_MEMBER_FIELD_TEAM,
  HC_MEMBER_FIELD_OFFICE, HC_MEMBER_FIELD_START_DATE, HC_MEMBER_FIELD_END_DATE,
};

void
hc_field_change_free (HcFieldChange *change)
{
  if (change == NULL)
    return;
  /* in its item's block, freed with the item */
  if (change->packed)
    return;
  g_free (change->field);
  g_free (change->before);
  g_free (change->after);
  g_free (change);
}

void
hc_plan_item_free (HcPlanItem *item)
{
  if (item == NULL)
    return;
  if (!item->identity_packed)
    {
      g_free (item->employee_id);
      g_free (item->display_name);
      g_free (item->email);
    }
  g_free (item->reason);
  g_clear_pointer (&item->changes, g_ptr_array_unref);
  g_free (item->changes_block);
  g_free (item->manager_employee_id);
  g_free (item);
}

void
hc_plan_upcoming_free (HcPlanUpcoming *upcoming)
{
  if (upcoming == NULL)
    return;
  g_free (upcoming->employee_id);
  g_free (upcoming->display_name);
  g_free (upcoming->email);
  g_free (upcoming);
}

static void
hc_plan_finalize (GObject *object)
{
  HcPlan *self = HC_PLAN (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->upcoming, g_ptr_array_unref);
  g_clear_pointer (&self->scope, g_hash_table_unref);
  g_clear_pointer (&self->employees, g_ptr_array_unref);
  g_free (self->confirmation_reason);
  g_clear_pointer (&self->managed_leavers, g_hash_table_unref);
  g_clear_object (&self->group_plan);

  G_OBJECT_CLASS (hc_plan_parent_class)->finalize (object);
}

static void
hc_plan_class_init (HcPlanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hc_plan_finalize;
}

static void
hc_plan_init (HcPlan *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_plan_item_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->upcoming = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_plan_upcoming_free);
}

static HcPlanItem *
add_item (HcPlan    *self,
          HcPlanKind kind)
{
  HcPlanItem *item = g_new0 (HcPlanItem, 1);

  item->kind = kind;
  g_ptr_array_add (self->items, item);
  self->counts[kind]++;
  return item;
}

static char *
copy_into (char      **at,
           const char *value)
{
  gsize size;
  char *copy;

  if (value == NULL)
    return NULL;
  size = strlen (value) + 1;
  copy = memcpy (*at, value, size);
  *at += size;
  return copy;
}

/* A staged change: its values as offsets in ctx->staged_values. */
typedef struct
{
  const char *field;    /* a literal, or interned */
  gssize      before;   /* -1 for NULL */
  gssize      after;
} StagedChange;

/* @length bytes of @value, NUL-terminated, into @values: their offset,
 * -1 for NULL. */
static gssize
stage_text (GString    *values,
            const char *value,
            gsize       length)
{
  gssize at = (gssize) values->len;

  if (value == NULL)
    return -1;
  hc_gstring_append_len (values, value, length);
  g_string_append_c (values, '\0');
  return at;
}

static gssize
stage_value (GString    *values,
             const char *value)
{
  return stage_text (values, value, value != NULL ? strlen (value) : 0);
}

#define STAGED_VALUE_IN(base, at) ((at) < 0 ? NULL : (base) + (at))

static void
add_warning (HcPlan     *self,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
add_warning (HcPlan     *self,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (self->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

typedef struct _PlanContext PlanContext;

struct _PlanContext
{
  const HcConfig       *config;
  gint64                connector_id;
  GDate                 today;
  GHashTable           *scope;    /* employee id → HcScopeResult + 1 */
  GHashTable           *brought_by; /* manager id → report id (include managers) */
  GHashTable           *employees; /* employee id → HcEmployee (first of an id) */
  GPtrArray            *members;  /* the directory's */
  GPtrArray            *all_employees; /* the HR system's, as fetched */
  GHashTable           *members_by_id; /* gint64* (in @member_ids) → HcMember */
  gint64               *member_ids; /* each member's id, in order */
  GPtrArray            *member_keys; /* folded e-mails the member tables hold */
  GHashTable           *by_external; /* external id → HcMember (this connector first) */
  GHashTable           *by_email; /* folded e-mail → HcMember */
  GHashTable           *claimed;  /* HcMember → employee id */
  GHashTable           *will_exist; /* employee ids that have a member after apply */
  GHashTable           *foreign_emails; /* folded e-mail → HcMember another connector manages */
  GHashTable           *live_emails; /* folded e-mail → the live (not archived) member that has it */
  /* HcEmployee with a mapped e-mail → its position in email_at and
   * key_at, plus one (each resolved once) */
  GHashTable           *email_places;
  GHashTable           *skipped;  /* employee id → HcPlanReason, for in-scope employees skipped */
  const HcMappingEntry *first_name; /* the lines the required-field check reads */
  const HcMappingEntry *last_name;
  GPtrArray            *required; /* of HcMappingEntry*, the lines marked required */
  /* The lines diff_fields() reads for every employee, found once: the
   * line of each text_targets[] (or NULL), the custom ones, the manager's
   * and the e-mail's. */
  const HcMappingEntry *text_entries[G_N_ELEMENTS (text_targets)];
  GPtrArray            *custom_entries;
  GPtrArray            *custom_fields; /* their targets, interned, in the same order */
  const HcMappingEntry *manager;
  const HcMappingEntry *email;
  /* the field id of each line's one source, G_MAXUINT for none or several
   * (hc_mapping_entry_get_field_id()): no look-up of the name per employee */
  guint                 text_ids[G_N_ELEMENTS (text_targets)];
  GArray               *custom_ids;    /* guint, in the same order */
  guint                 manager_id;
  guint                 email_id;
  /* The changes diff_fields() finds for one item, staged here (the
   * values in @staged_values, reused from one item to the next) and
   * then written in one block (take_staged_changes()). */
  GArray               *staged;
  GString              *staged_values;
  /* Each employee's e-mail and its key by position in all_employees (the
   * tables' strings), and the employee plan_employees() works on now
   * with its own: the passes read them without a look-up. */
  char                **email_at;
  char                **key_at;
  guint                 n_at;
  HcEmployee           *current;
  const char           *current_email;
  const char           *current_key;
};

/* The e-mail the mapping gives an employee, and its folded key; NULL for none. */
static const char *
employee_email (PlanContext *ctx,
                HcEmployee  *employee)
{
  guint place;

  if (employee == ctx->current)
    return ctx->current_email;
  place = GPOINTER_TO_UINT (g_hash_table_lookup (ctx->email_places, employee));
  return place > 0 ? ctx->email_at[place - 1] : NULL;
}

static const char *
employee_email_key (PlanContext *ctx,
                    HcEmployee  *employee)
{
  guint place;

  if (employee == ctx->current)
    return ctx->current_key;
  place = GPOINTER_TO_UINT (g_hash_table_lookup (ctx->email_places, employee));
  return place > 0 ? ctx->key_at[place - 1] : NULL;
}

/* The employee at @position of all_employees is the one worked on. */
static void
set_current (PlanContext *ctx,
             HcEmployee  *employee,
             guint        position)
{
  ctx->current = employee;
  ctx->current_email = ctx->email_at[position];
  ctx->current_key = ctx->key_at[position];
}

/* @field: a string that lives as long as the process (a literal, or
 * interned), as the plans' changes keep it. */
static void
stage_change (PlanContext *ctx,
              const char  *field,
              const char  *before,
              const char  *after)
{
  StagedChange c;

  c.field = field;
  c.before = stage_value (ctx->staged_values, before);
  c.after = stage_value (ctx->staged_values, after);
  g_array_append_val (ctx->staged, c);
}

/* The staged changes into @item, in one block with their values and an
 * array of their exact number (a first sync of 100,000 holds a million
 * changes until it is applied: one allocation per item, not one per
 * change and a copy); nothing when none was staged. */
static void
take_staged_changes (PlanContext *ctx,
                     HcPlanItem  *item)
{
  GArray *staged = ctx->staged;
  GString *values = ctx->staged_values;
  HcFieldChange *block;
  char *at;

  if (staged->len == 0)
    return;
  g_assert (item->changes == NULL && item->changes_block == NULL);
  block = g_malloc (staged->len * sizeof (HcFieldChange) + values->len);
  at = memcpy (block + staged->len, values->str, values->len);
  item->changes = g_ptr_array_new_full (staged->len, (GDestroyNotify) hc_field_change_free);
  for (guint i = 0; i < staged->len; i++)
    {
      const StagedChange *c = &g_array_index (staged, StagedChange, i);

      block[i].field = (char *) c->field;
      block[i].before = STAGED_VALUE_IN (at, c->before);
      block[i].after = STAGED_VALUE_IN (at, c->after);
      block[i].packed = TRUE;
      g_ptr_array_add (item->changes, &block[i]);
    }
  item->changes_block = block;
  g_array_set_size (staged, 0);
  g_string_truncate (values, 0);
}

static HcScopeResult
scope_of (PlanContext *ctx,
          const char  *employee_id)
{
  gpointer v = g_hash_table_lookup (ctx->scope, employee_id);

  return v ? GPOINTER_TO_INT (v) - 1 : HC_SCOPE_OUT_FILTER;
}

/* A member this connector may match: its own, or one nobody manages. */
static gboolean
is_candidate (PlanContext *ctx,
              HcMember    *member)
{
  gint64 cid = hc_member_get_connector_id (member);

  if (cid == ctx->connector_id)
    return TRUE;
  return cid == 0 || hc_member_get_hr_status (member) == HC_HR_STATUS_MANUAL;
}

static void
index_members (PlanContext *ctx,
               GPtrArray   *members)
{
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *m = g_ptr_array_index (members, i);
      const char *ext = hc_member_get_external_id (m);
      char *key = hc_email_normalize (hc_member_get_email (m));

      ctx->member_ids[i] = hc_member_get_id (m);
      g_hash_table_insert (ctx->members_by_id, &ctx->member_ids[i], m);
      /* the tables below share @key */
      if (key != NULL)
        g_ptr_array_add (ctx->member_keys, key);

      /* No two live members share an e-mail (the store's unique index). */
      if (key != NULL && hc_member_get_state (m) != HC_MEMBER_STATE_ARCHIVED &&
          !g_hash_table_contains (ctx->live_emails, key))
        g_hash_table_insert (ctx->live_emails, key, m);

      if (!is_candidate (ctx, m))
        {
          if (key != NULL)
            g_hash_table_insert (ctx->foreign_emails, key, m);
          continue;
        }

      if (ext != NULL)
        {
          HcMember *prev = g_hash_table_lookup (ctx->by_external, ext);

          /* this connector's own member wins over an imported one */
          if (prev == NULL || (hc_member_get_connector_id (prev) != ctx->connector_id &&
                               hc_member_get_connector_id (m) == ctx->connector_id))
            g_hash_table_insert (ctx->by_external, (gpointer) ext, m);
        }

      if (key != NULL)
        {
          HcMember *prev = g_hash_table_lookup (ctx->by_email, key);

          /* a live member wins over an archived one */
          if (prev == NULL ||
              (hc_member_get_state (prev) == HC_MEMBER_STATE_ARCHIVED &&
               hc_member_get_state (m) != HC_MEMBER_STATE_ARCHIVED))
            g_hash_table_insert (ctx->by_email, key, m);
        }
    }
}

/* A large sync indexes its members and works the scope out in a
 * thread of its own. */
#define INDEX_IN_THREAD_FROM 2000

static gpointer
index_thread (gpointer data)
{
  PlanContext *ctx = data;

  index_members (ctx, ctx->members);
  ctx->scope = hc_scope_evaluate_all_at (ctx->config, ctx->all_employees, &ctx->today, &ctx->brought_by);
  return NULL;
}

/* A member in one of the members' tables by a text key: none, without
 * hashing the key, when the table is empty (every table before a first
 * sync, four keys for each employee). */
static HcMember *
member_lookup (GHashTable *table,
               const char *key)
{
  return g_hash_table_size (table) > 0 ? g_hash_table_lookup (table, key) : NULL;
}

/* @m: the member whose external id is the employee's (ctx->by_external),
 * looked up already. */
static HcMember *
find_member (PlanContext *ctx,
             HcEmployee  *employee,
             HcMember    *m,
             HcPlanMatch *match)
{
  const char *key;

  if (m != NULL && !g_hash_table_contains (ctx->claimed, m))
    {
      *match = HC_PLAN_MATCH_EMPLOYEE_ID;
      return m;
    }

  /* rules.md 5: a kind whose HR system does not require a work e-mail
   * (PayFit) matches on the employee id only. */
  if (ctx->config->match_id_only)
    return NULL;
  key = employee_email_key (ctx, employee);
  if (key == NULL)
    return NULL;
  m = member_lookup (ctx->by_email, key);
  if (m != NULL && !g_hash_table_contains (ctx->claimed, m))
    {
      /* A member already tied to another employee is not this one. */
      const char *ext = hc_member_get_external_id (m);

      if (ext != NULL && hc_member_get_connector_id (m) == ctx->connector_id &&
          !g_str_equal (ext, hc_employee_get_id (employee)) &&
          g_hash_table_contains (ctx->employees, ext))
        return NULL;
      *match = HC_PLAN_MATCH_EMAIL;
      return m;
    }
  return NULL;
}

static char *
manager_display (PlanContext *ctx,
                 const char  *employee_id)
{
  HcEmployee *e = employee_id ? g_hash_table_lookup (ctx->employees, employee_id) : NULL;

  return e ? hc_employee_dup_display_name (e) : NULL;
}

static char *
format_date (const GDate *date)
{
  char buf[16];

  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", date);
  return g_strdup (buf);
}

/* The reason of an employee out of scope, as a code and a sentence. */
static HcPlanReason
skip_reason (PlanContext  *ctx,
             HcScopeResult r,
             HcEmployee   *employee,
             char        **text)
{
  switch (r)
    {
    case HC_SCOPE_OUT_STATUS:
      if (hc_employee_get_status (employee) == HC_EMPLOYEE_STATUS_INACTIVE)
        {
          *text = g_strdup (_("Inactive in the HR system"));
          return HC_PLAN_REASON_INACTIVE;
        }
      *text = g_strdup (_("HR status not in scope"));
      return HC_PLAN_REASON_STATUS;
    case HC_SCOPE_OUT_EXCLUDED:
      *text = g_strdup (_("Excluded by the exclusion checkbox"));
      return HC_PLAN_REASON_EXCLUDED;
    case HC_SCOPE_OUT_NOT_STARTED:
      {
        GDate enters;

        if (hc_scope_get_entry_date (ctx->config, employee, &ctx->today, &enters))
          {
            g_autofree char *day = format_date (&enters);

            /* Translators: %s is a date, 2026-12-07 */
            *text = g_strdup_printf (_("Not started yet: enters the scope on %s"), day);
          }
        else
          *text = g_strdup (_("Not started yet"));
        return HC_PLAN_REASON_NOT_STARTED;
      }
    case HC_SCOPE_OUT_FILTER:
    default:
      *text = g_strdup (_("Filtered out"));
      return HC_PLAN_REASON_FILTERED_OUT;
    }
}

/* What @entry gives @employee: its text and *@length, NULL for none.
 * Read in the employee's own text when it needs no copy (this runs for
 * every field of every employee); else made in *@owned, which the
 * caller frees. */
static const char *
resolve_text (const HcMappingEntry *entry,
              guint                 field,
              HcEmployee           *employee,
              gsize                *length,
              char                **owned)
{
  const char *start;

  *owned = NULL;
  if (hc_mapping_resolve_field_in_place (entry, field, employee, &start, length))
    return start;
  *owned = hc_mapping_resolve_field (entry, field, employee);
  *length = *owned != NULL ? strlen (*owned) : 0;
  return *owned;
}

/* A change of @field from @before to what @entry gives @employee, when
 * they differ (a sync mostly finds the values unchanged); the value is
 * staged from the employee's text when it can be. */
static void
stage_resolved (PlanContext          *ctx,
                const char           *field_name,
                const HcMappingEntry *entry,
                guint                 field,
                HcEmployee           *employee,
                const char           *before)
{
  g_autofree char *owned = NULL;
  gsize length;
  const char *after = resolve_text (entry, field, employee, &length, &owned);
  StagedChange c;

  if (after == NULL ? before == NULL
      : before != NULL && strncmp (before, after, length) == 0 && before[length] == '\0')
    return;
  c.field = field_name;
  c.before = stage_value (ctx->staged_values, before);
  c.after = stage_text (ctx->staged_values, after, length);
  g_array_append_val (ctx->staged, c);
}

/* Fills the field changes of @item from @employee against @member (NULL
 * for a member to create). */
static void
diff_fields (PlanContext *ctx,
             HcPlanItem  *item,
             HcEmployee  *employee,
             HcMember    *member,
             char       **warning)
{
  const char *manager_source = ctx->manager != NULL ? ctx->manager->source : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (text_targets); i++)
    {
      const HcMappingEntry *entry = ctx->text_entries[i];

      if (entry != NULL)
        stage_resolved (ctx, text_targets[i], entry, ctx->text_ids[i], employee,
                        member ? hc_member_get_field (member, text_targets[i]) : NULL);
    }

  for (guint i = 0; i < ctx->custom_entries->len; i++)
    {
      HcMappingEntry *e = g_ptr_array_index (ctx->custom_entries, i);

      stage_resolved (ctx, g_ptr_array_index (ctx->custom_fields, i), e,
                      g_array_index (ctx->custom_ids, guint, i), employee,
                      member ? hc_member_get_field (member, e->target) : NULL);
    }

  /* The external id is the match key (rules.md 5): always the HR id. */
  if (member == NULL || g_strcmp0 (hc_member_get_external_id (member), hc_employee_get_id (employee)) != 0)
    stage_change (ctx, HC_MEMBER_FIELD_EMPLOYEE_ID,
                  member ? hc_member_get_external_id (member) : NULL,
                  hc_employee_get_id (employee));

  if (manager_source != NULL)
    {
      g_autofree char *manager_id = hc_mapping_resolve_field (ctx->manager, ctx->manager_id, employee);
      const char *current_ext = NULL;
      HcMember *current = NULL;

      if (manager_id != NULL && g_str_equal (manager_id, hc_employee_get_id (employee)))
        g_clear_pointer (&manager_id, g_free);  /* one's own manager: ignore */

      if (manager_id != NULL && !g_hash_table_contains (ctx->will_exist, manager_id))
        {
          g_autofree char *who = hc_employee_dup_display_name (employee);
          g_autofree char *boss = manager_display (ctx, manager_id);
          HcEmployee *manager = g_hash_table_lookup (ctx->employees, manager_id);

          if (manager == NULL)
            *warning = g_strdup_printf (_("The manager of %s (HR id %s) is not in the HR data: Headcount leaves the member without a manager"),
                                        who, manager_id);
          else if (ctx->config->scope_mode == HC_SCOPE_MODE_CUSTOM && !ctx->config->include_managers &&
                   scope_of (ctx, manager_id) == HC_SCOPE_OUT_FILTER)
            *warning = g_strdup_printf (_("The manager of %s, %s, is outside the filter: Headcount leaves the member without a manager; turn on “Include managers automatically” to bring managers in"),
                                        who, boss);
          else
            {
              HcScopeResult mr = scope_of (ctx, manager_id);

              *warning = g_strdup_printf (_("The manager of %s, %s, is not synced (%s): Headcount leaves the member without a manager"),
                                          who, boss,
                                          HC_SCOPE_RESULT_IS_IN (mr) ? _("skipped in the HR data") : hc_scope_result_describe (mr));
            }
          g_clear_pointer (&manager_id, g_free);
        }

      if (member != NULL && hc_member_get_manager_id (member) != 0)
        {
          gint64 mid = hc_member_get_manager_id (member);

          current = g_hash_table_lookup (ctx->members_by_id, &mid);
          current_ext = current ? hc_member_get_external_id (current) : NULL;
          if (current_ext == NULL)
            current_ext = "";   /* a manager that is not an HR employee */
        }

      if (g_strcmp0 (current_ext, manager_id) != 0)
        {
          g_autofree char *after = manager_display (ctx, manager_id);
          const char *before = member ? hc_member_get_manager_name (member) : NULL;

          if (before == NULL && current != NULL)
            before = hc_member_get_display_name (current);
          stage_change (ctx, HC_MEMBER_FIELD_MANAGER, before, after ? after : manager_id);
        }
      item->manager_employee_id = g_steal_pointer (&manager_id);
    }

  if (member != NULL)
    {
      const char *email = employee_email (ctx, employee);

      /* Back from the archive: to the state they had before it, invited
       * (a new invitation) if they never joined, active if they had. One
       * without access who now has an e-mail is invited too. When the
       * state before is not known (archived before Headcount kept it),
       * active. */
      if (hc_member_get_state (member) == HC_MEMBER_STATE_ARCHIVED)
        {
          gboolean invited = email != NULL &&
                             (!hc_member_get_has_access (member) ||
                              hc_member_returns_invited (member, email));

          stage_change (ctx, "state", "archived", invited ? "invited" : "active");
        }
      if (!hc_member_get_has_access (member) && email != NULL)
        stage_change (ctx, "access", "no", "yes");
      /* Access from an HR e-mail is an invitation: Invited means access,
       * not joined yet. */
      if (!hc_member_get_has_access (member) && email != NULL &&
          hc_member_get_state (member) == HC_MEMBER_STATE_ACTIVE)
        stage_change (ctx, "state", "active", "invited");
    }
}

static void
set_identity (HcPlanItem  *item,
              HcEmployee  *employee,
              HcMember    *member,
              PlanContext *ctx)
{
  if (employee != NULL)
    {
      item->employee_id = g_strdup (hc_employee_get_id (employee));
      item->display_name = hc_employee_dup_display_name (employee);
      item->email = g_strdup (employee_email (ctx, employee));
    }
  else if (member != NULL)
    {
      item->employee_id = g_strdup (hc_member_get_external_id (member));
      item->display_name = g_strdup (hc_member_get_display_name (member));
      item->email = g_strdup (hc_member_get_email (member));
    }
  if (member != NULL)
    item->member_id = hc_member_get_id (member);
}

/* A new item of @kind for @employee, its identity (set_identity()) in
 * the item's own block: a sync of 100,000 employees makes as many. */
static HcPlanItem *
new_employee_item (PlanContext *ctx,
                   HcPlanKind   kind,
                   HcEmployee  *employee)
{
  const char *id = hc_employee_get_id (employee);
  const char *email = employee_email (ctx, employee);
  g_autofree char *name = hc_employee_dup_display_name (employee);
  gsize id_size = id != NULL ? strlen (id) + 1 : 0;
  gsize name_size = name != NULL ? strlen (name) + 1 : 0;
  gsize email_size = email != NULL ? strlen (email) + 1 : 0;
  HcPlanItem *item = g_malloc0 (sizeof (HcPlanItem) + id_size + name_size + email_size);
  char *at = (char *) (item + 1);

  item->kind = kind;
  item->identity_packed = TRUE;
  item->employee_id = copy_into (&at, id);
  item->display_name = copy_into (&at, name);
  item->email = copy_into (&at, email);
  return item;
}

static HcPlanItem *
add_skip (HcPlan      *self,
          PlanContext *ctx,
          HcEmployee  *employee,
          HcPlanReason code,
          char        *reason)
{
  HcPlanItem *item = new_employee_item (ctx, HC_PLAN_SKIP, employee);

  g_ptr_array_add (self->items, item);
  self->counts[HC_PLAN_SKIP]++;
  item->reason_code = code;
  item->reason = reason;
  return item;
}

/* TRUE when the line gives the employee a value. */
static gboolean
has_value (const HcMappingEntry *entry,
           HcEmployee           *employee)
{
  g_autofree char *value = NULL;

  if (entry == NULL)
    return FALSE;
  /* no copy for the common case of a plain, non-blank value */
  if (strchr (entry->source, '|') == NULL)
    {
      const char *raw = hc_employee_get_field (employee, entry->source);

      if (raw == NULL)
        return FALSE;
      if (!g_ascii_isspace (raw[0]))
        return TRUE;
    }
  value = hc_mapping_resolve_entry (entry, employee);
  return value != NULL;
}

/* The required field an employee leaves empty, or NULL: a member needs a
 * name or an e-mail, and every line marked "required" a value. */
static char *
missing_required_field (PlanContext *ctx,
                        HcEmployee  *employee)
{
  if (employee_email (ctx, employee) == NULL &&
      !has_value (ctx->first_name, employee) && !has_value (ctx->last_name, employee))
    return g_strdup (_("Missing required field: a name or an e-mail"));

  for (guint i = 0; i < ctx->required->len; i++)
    {
      HcMappingEntry *e = g_ptr_array_index (ctx->required, i);
      g_autofree char *label = NULL;

      if (has_value (e, employee))
        continue;
      label = hc_mapping_describe_target (e->target);
      /* Translators: "Missing required field: Department (from dept)" */
      return g_strdup_printf (_("Missing required field: %s (from %s)"), label, e->source);
    }
  return NULL;
}

/* The skip of @employee, whose e-mail @holder, a live member, has (no two
 * members share an e-mail): its item, and a warning that names both.
 * mark_skipped() took note of it. */
static void
skip_shared_email (HcPlan      *self,
                   PlanContext *ctx,
                   HcEmployee  *employee,
                   const char  *email,
                   HcMember    *holder)
{
  g_autofree char *who = hc_employee_dup_display_name (employee);
  const char *id = hc_employee_get_id (employee);
  const char *holder_id = hc_member_get_external_id (holder);

  add_skip (self, ctx, employee, HC_PLAN_REASON_DUPLICATE_EMAIL,
            g_strdup (_("Duplicate e-mail: another member has the same address")));
  if (holder_id != NULL && hc_member_get_hr_status (holder) != HC_HR_STATUS_MANUAL)
    add_warning (self, _("The e-mail %s of %s (%s) already belongs to %s, the member of employee %s: Headcount skips %s until the HR system gives them different addresses"),
                 email, who, id, hc_member_get_display_name (holder), holder_id, id);
  else
    add_warning (self, _("The e-mail %s of %s (%s) already belongs to the member %s: Headcount skips %s until they have different addresses"),
                 email, who, id, hc_member_get_display_name (holder), id);
}

/* An employee in scope that pass 3 skips: no member after the apply. */
static void
mark_skipped (PlanContext *ctx,
              HcEmployee  *employee,
              HcPlanReason code)
{
  const char *id = hc_employee_get_id (employee);

  g_hash_table_insert (ctx->skipped, (gpointer) id, GINT_TO_POINTER (code));
  g_hash_table_remove (ctx->will_exist, id);
}

/* Removes the change of @field from @item; TRUE when there was one. */
static gboolean
drop_change (HcPlanItem *item,
             const char *field)
{
  for (guint i = 0; item->changes && i < item->changes->len; i++)
    if (g_str_equal (((HcFieldChange *) g_ptr_array_index (item->changes, i))->field, field))
      {
        g_ptr_array_remove_index (item->changes, i);
        return TRUE;
      }
  return FALSE;
}

/* TRUE when plan_leavers() has an item for @member: a managed member of
 * this connector that no employee claims, or, with archiving on, a
 * previously managed one whose HR record is inactive or gone (rules.md 9
 * applies too when archiving is switched on after they left). */
static gboolean
is_leaver (PlanContext *ctx,
           HcMember    *member)
{
  const char *ext;
  HcEmployee *e;

  if (hc_member_get_connector_id (member) != ctx->connector_id ||
      hc_member_get_state (member) == HC_MEMBER_STATE_ARCHIVED ||
      g_hash_table_contains (ctx->claimed, member))
    return FALSE;
  if (hc_member_get_hr_status (member) == HC_HR_STATUS_MANAGED)
    return TRUE;
  if (hc_member_get_hr_status (member) != HC_HR_STATUS_PREVIOUSLY_MANAGED || !ctx->config->archive_inactive)
    return FALSE;
  ext = hc_member_get_external_id (member);
  e = ext ? g_hash_table_lookup (ctx->employees, ext) : NULL;
  return e == NULL || hc_employee_get_status (e) == HC_EMPLOYEE_STATUS_INACTIVE;
}

/* What pass 3 of plan_employees() decided for an employee in scope */
typedef enum
{
  OUTCOME_NONE,     /* skipped before pass 3 */
  OUTCOME_FOREIGN,  /* skipped: another connector's member has the e-mail */
  OUTCOME_SHARED,   /* skipped: a live member has the e-mail */
  OUTCOME_ITEM,     /* an item */
} Outcome;

typedef struct
{
  Outcome     outcome;
  HcPlanMatch match;
  HcMember   *member;    /* the one matched, or NULL */
  /* FOREIGN: the member of the other connector; SHARED: the live member
  * with the e-mail; ITEM: a live member with the e-mail HR now gives */
  HcMember   *other;
  HcPlanItem *item;      /* ITEM: the item, with its changes */
  char       *warning;   /* ITEM: diff_fields()'s, or NULL */
} Decision;

/* A part of a large plan's work, on [start, end) of a list: the first
 * half here and the second on a thread of its own when the list has
 * @from or more entries (the two cores of a laptop), else the whole here. */
typedef void (*HalfFunc) (gpointer data,
                          guint    start,
                          guint    end);

typedef struct
{
  HalfFunc func;
  gpointer data;
  guint    start;
  guint    end;
} Half;

static gpointer
half_thread (gpointer data)
{
  Half *half = data;

  half->func (half->data, half->start, half->end);
  return NULL;
}

static void
run_in_halves (const char *thread_name,
               guint       n,
               guint       from,
               HalfFunc    func,
               gpointer    data)
{
  Half second = { func, data, n / 2, n };
  GThread *thread = NULL;

  if (n >= from)
    thread = g_thread_new (thread_name, half_thread, &second);
  func (data, 0, thread != NULL ? n / 2 : n);
  if (thread != NULL)
    g_thread_join (thread);
}

/* What make_items() reads: the decisions of pass 3, beside in_scope */
typedef struct
{
  PlanContext *ctx;
  GPtrArray   *in_scope;
  GArray      *in_pos;
  Decision    *decisions;
} ItemWork;

/* From how many employees in scope the items are made on two threads */
#define ITEMS_IN_THREAD_FROM 2000

/* How many items are made in memory mapped at once. */
#define PREFAULT_ITEMS 8192

/* The items of decisions[start, end), made with a context of their own
 * (the staging and the current employee; the tables are shared, read
 * only). */
static void
make_items (gpointer data,
            guint    start,
            guint    end)
{
  ItemWork *work = data;
  PlanContext own = *work->ctx;

  own.staged = g_array_new (FALSE, FALSE, sizeof (StagedChange));
  own.staged_values = g_string_sized_new (1024);
  for (guint i = start; i < end; i++)
    {
      HcEmployee *e = g_ptr_array_index (work->in_scope, i);
      Decision *d = &work->decisions[i];

      /* the items of the next employees, mapped at once (a new
       * member's takes about a kilobyte) */
      if ((i - start) % PREFAULT_ITEMS == 0)
        hc_memory_prefault ((gsize) MIN (end - i, PREFAULT_ITEMS) * 1024);
      if (d->outcome != OUTCOME_ITEM)
        continue;
      set_current (&own, e, g_array_index (work->in_pos, guint, i));
      d->item = new_employee_item (&own, HC_PLAN_UNCHANGED, e);
      diff_fields (&own, d->item, e, d->member, &d->warning);
      take_staged_changes (&own, d->item);
    }
  g_array_unref (own.staged);
  g_string_free (own.staged_values, TRUE);
}

/* plan_employees(): a later record of an id, whose scope is not asked */
#define NOT_FIRST G_MAXUINT8
G_STATIC_ASSERT (HC_SCOPE_OUT_NOT_STARTED < NOT_FIRST);

static void
plan_employees (HcPlan      *self,
                PlanContext *ctx,
                GPtrArray   *employees)
{
  g_autoptr (GPtrArray) in_scope = g_ptr_array_new ();
  /* folded e-mail (key_at's) → the first employee in scope with it */
  g_autoptr (GHashTable) emails = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) matched = g_hash_table_new (NULL, NULL);  /* HcEmployee → HcMember */
  /* What a pass found by id for each employee, kept for the later passes
   * rather than looked up again in tables keyed by strings (a hash and a
   * cache miss or two each, 100,000 times): the scope of each employee
   * by position (NOT_FIRST for a later record of an id), and beside
   * in_scope, the member with the employee's id and whether the employee
   * will exist. */
  g_autofree guint8 *scope_at = g_new (guint8, MAX (employees->len, 1));
  g_autoptr (GPtrArray) by_id = g_ptr_array_new ();
  g_autofree gboolean *exists = NULL;
  /* beside in_scope: each one's position in @employees, for its e-mail */
  g_autoptr (GArray) in_pos = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree Decision *decisions = NULL;

  /* positions in @employees are positions in email_at */
  g_assert (employees == ctx->all_employees);

  /* Pass 1: in-scope employees, one per id, with what a member needs. */
  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);
      const char *id = hc_employee_get_id (e);
      GPtrArray *problems;
      char *missing;

      /* ctx->employees holds the first employee of each id */
      scope_at[i] = NOT_FIRST;
      set_current (ctx, e, i);
      if (g_hash_table_lookup (ctx->employees, id) != e)
        {
          g_autofree char *who = hc_employee_dup_display_name (e);

          add_skip (self, ctx, e, HC_PLAN_REASON_DUPLICATE_ID,
                    g_strdup (_("Duplicate employee id in the HR data")));
          add_warning (self, _("The HR system sent employee id %s twice (%s): Headcount syncs the first record and skips the other"),
                       id, who);
          continue;
        }
      scope_at[i] = scope_of (ctx, id);
      if (!HC_SCOPE_RESULT_IS_IN (scope_at[i]))
        continue;
      /* rules.md 31: what cleaning the record found. */
      problems = hc_employee_get_problems (e);
      for (guint j = 0; problems != NULL && j < problems->len; j++)
        add_warning (self, "%s", (const char *) g_ptr_array_index (problems, j));
      if (hc_employee_get_invalid (e))
        {
          add_skip (self, ctx, e, HC_PLAN_REASON_INVALID_DATA,
                    g_strdup (_("A value in the HR record is not valid text")));
          g_hash_table_insert (ctx->skipped, (gpointer) id, GINT_TO_POINTER (HC_PLAN_REASON_INVALID_DATA));
          continue;
        }
      missing = missing_required_field (ctx, e);
      if (missing != NULL)
        {
          add_skip (self, ctx, e, HC_PLAN_REASON_MISSING_FIELD, missing);
          g_hash_table_insert (ctx->skipped, (gpointer) id, GINT_TO_POINTER (HC_PLAN_REASON_MISSING_FIELD));
          continue;
        }
      g_ptr_array_add (in_scope, e);
      g_array_append_val (in_pos, i);
    }

  /* Pass 2: matches by employee id first, so a duplicate e-mail never
   * steals the member an employee already owns. */
  exists = g_new0 (gboolean, MAX (in_scope->len, 1));
  for (guint i = 0; i < in_scope->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (in_scope, i);
      HcMember *m = member_lookup (ctx->by_external, hc_employee_get_id (e));

      g_ptr_array_add (by_id, m);
      if (m != NULL && !g_hash_table_contains (ctx->claimed, m))
        {
          g_hash_table_insert (ctx->claimed, m, (gpointer) hc_employee_get_id (e));
          g_hash_table_insert (matched, e, m);
        }
    }
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < in_scope->len; i++)
      {
        HcEmployee *e = g_ptr_array_index (in_scope, i);
        const char *key;
        HcEmployee *first;

        if ((pass == 0) != g_hash_table_contains (matched, e))
          continue;
        set_current (ctx, e, g_array_index (in_pos, guint, i));
        key = employee_email_key (ctx, e);
        if (key != NULL && (first = g_hash_table_lookup (emails, key)) != NULL)
          {
            g_autofree char *who = hc_employee_dup_display_name (e);
            g_autofree char *other = hc_employee_dup_display_name (first);
            HcPlanItem *item;

            item = add_skip (self, ctx, e, HC_PLAN_REASON_DUPLICATE_EMAIL,
                             g_strdup (_("Duplicate e-mail: another employee in scope has the same address")));
            add_warning (self, _("%s (%s) and %s (%s) share the e-mail %s: Headcount syncs %s and skips %s until the HR system gives them different addresses"),
                         other, hc_employee_get_id (first), who, hc_employee_get_id (e), item->email,
                         hc_employee_get_id (first), hc_employee_get_id (e));
            g_hash_table_insert (ctx->skipped, (gpointer) hc_employee_get_id (e),
                                 GINT_TO_POINTER (HC_PLAN_REASON_DUPLICATE_EMAIL));
            if (g_hash_table_contains (matched, e))
              {
                g_hash_table_remove (ctx->claimed, g_hash_table_lookup (matched, e));
                g_hash_table_remove (matched, e);
              }
            continue;
          }
        if (key != NULL)
          g_hash_table_insert (emails, (gpointer) key, e);
        g_hash_table_add (ctx->will_exist, (gpointer) hc_employee_get_id (e));
        exists[i] = TRUE;
      }

  /* Pass 3: the items, in the HR system's order. Each employee's match
   * and skip is decided first, in order (a member claimed by one is not
   * another's); then the items are made, on two threads for a large sync
   * (the diff of each employee reads only what is decided); then they
   * are added in order, with their warnings. */
  decisions = g_new0 (Decision, MAX (in_scope->len, 1));
  for (guint i = 0; i < in_scope->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (in_scope, i);
      Decision *d = &decisions[i];
      HcMember *m;
      const char *email;

      /* ctx->will_exist holds its id (ids are unique here) */
      if (!exists[i])
        continue;
      set_current (ctx, e, g_array_index (in_pos, guint, i));

      m = g_hash_table_lookup (matched, e);
      if (m != NULL)
        d->match = HC_PLAN_MATCH_EMPLOYEE_ID;
      else
        {
          HcPlanMatch match = HC_PLAN_MATCH_NONE;

          m = find_member (ctx, e, g_ptr_array_index (by_id, i), &match);
          if (m != NULL)
            g_hash_table_insert (ctx->claimed, m, (gpointer) hc_employee_get_id (e));
          d->match = match;
        }
      d->member = m;

      email = employee_email (ctx, e);
      if (m == NULL && email != NULL)
        {
          const char *key = employee_email_key (ctx, e);
          HcMember *foreign = member_lookup (ctx->foreign_emails, key);
          HcMember *holder = member_lookup (ctx->live_emails, key);

          if (foreign != NULL)
            {
              d->outcome = OUTCOME_FOREIGN;
              d->other = foreign;
              mark_skipped (ctx, e, HC_PLAN_REASON_FOREIGN_MEMBER);
              continue;
            }

          /* No two members share an e-mail: one a live member has when the
           * plan is made is not given to another, even if that member
           * gives it up in the same sync (it is free for the next one).
           * So the store's unique index holds whatever the order the
           * changes are applied in. */
          if (holder != NULL)
            {
              d->outcome = OUTCOME_SHARED;
              d->other = holder;
              mark_skipped (ctx, e, HC_PLAN_REASON_DUPLICATE_EMAIL);
              continue;
            }
        }

      /* A member matched by id whose e-mail HR changes to another live
       * member's, or an archived one coming back with an e-mail a live
       * member has now. */
      if (m != NULL)
        {
          g_autofree char *key = NULL;
          HcMember *holder;

          if (ctx->email != NULL)
            key = g_strdup (employee_email_key (ctx, e));
          else
            key = hc_email_normalize (hc_member_get_email (m));
          holder = key ? g_hash_table_lookup (ctx->live_emails, key) : NULL;
          if (holder == m)
            holder = NULL;

          if (holder != NULL && hc_member_get_state (m) == HC_MEMBER_STATE_ARCHIVED)
            {
              d->outcome = OUTCOME_SHARED;
              d->other = holder;
              mark_skipped (ctx, e, HC_PLAN_REASON_DUPLICATE_EMAIL);
              continue;
            }
          d->other = holder;
        }
      d->outcome = OUTCOME_ITEM;
    }

  {
    ItemWork work = { ctx, in_scope, in_pos, decisions };

    run_in_halves ("hc-plan-items", in_scope->len, ITEMS_IN_THREAD_FROM, make_items, &work);
  }

  for (guint i = 0; i < in_scope->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (in_scope, i);
      Decision *d = &decisions[i];
      HcMember *m = d->member;
      HcPlanItem *item = d->item;
      HcPlanKind kind;
      const char *email;

      if (d->outcome == OUTCOME_NONE)
        continue;
      set_current (ctx, e, g_array_index (in_pos, guint, i));
      email = employee_email (ctx, e);
      if (d->outcome == OUTCOME_FOREIGN)
        {
          g_autofree char *who = hc_employee_dup_display_name (e);

          add_skip (self, ctx, e, HC_PLAN_REASON_FOREIGN_MEMBER,
                    g_strdup (_("The e-mail belongs to a member another connector manages")));
          add_warning (self, _("The e-mail %s of %s belongs to %s, a member another connector manages: Headcount skips %s and leaves that member to its connector"),
                       email, who, hc_member_get_display_name (d->other), hc_employee_get_id (e));
          continue;
        }
      /* without a member, only an employee with an e-mail shares one */
      if (d->outcome == OUTCOME_SHARED)
        {
          skip_shared_email (self, ctx, e, email ? email : hc_member_get_email (m), d->other);
          continue;
        }

      if (d->warning != NULL)
        g_ptr_array_add (self->warnings, g_steal_pointer (&d->warning));
      if (d->other != NULL && drop_change (item, HC_MEMBER_FIELD_EMAIL))
        {
          g_autofree char *who = hc_employee_dup_display_name (e);

          /* Translators: "Ann One (E1) would get the e-mail a@x.test, which belongs to Bo Two: …" */
          add_warning (self, _("%s (%s) would get the e-mail %s, which belongs to %s: Headcount keeps their e-mail (%s) until the HR system gives them different addresses, and updates the rest"),
                       who, hc_employee_get_id (e), email, hc_member_get_display_name (d->other),
                       hc_member_get_email (m) ? hc_member_get_email (m) : _("none"));
        }

      if (m == NULL)
        kind = email ? HC_PLAN_INVITE : HC_PLAN_CREATE_NO_ACCESS;
      else if (hc_member_get_hr_status (m) != HC_HR_STATUS_MANAGED ||
               hc_member_get_connector_id (m) != ctx->connector_id)
        kind = HC_PLAN_BECOME_MANAGED;
      else if (item->changes != NULL && item->changes->len > 0)
        kind = HC_PLAN_UPDATE;
      else
        kind = HC_PLAN_UNCHANGED;

      item->kind = kind;
      item->match = d->match;
      g_ptr_array_add (self->items, g_steal_pointer (&d->item));
      self->counts[kind]++;
      if (m != NULL)
        item->member_id = hc_member_get_id (m);
      if (kind == HC_PLAN_CREATE_NO_ACCESS)
        item->reason = g_strdup (_("No e-mail in the HR system: created without access"));

      /* rules.md 5 makes a manual member managed; say so when only the
       * e-mail ties them. */
      if (kind == HC_PLAN_BECOME_MANAGED && d->match == HC_PLAN_MATCH_EMAIL &&
          hc_member_get_hr_status (m) == HC_HR_STATUS_MANUAL)
        {
          g_autofree char *who = hc_employee_dup_display_name (e);

          add_warning (self, _("The e-mail %s of %s already belongs to the manual member %s: Headcount links them and manages that member from now on"),
                       email, who, hc_member_get_display_name (m));
        }
    }

  /* Out-of-scope employees, for the preview's "skipped" list. */
  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);
      HcScopeResult r = scope_at[i];
      HcMember *m;
      char *reason = NULL;
      HcPlanReason code;

      /* a later record of an id, or in scope */
      if (scope_at[i] == NOT_FIRST || HC_SCOPE_RESULT_IS_IN (r))
        continue;
      set_current (ctx, e, i);
      m = member_lookup (ctx->by_external, hc_employee_get_id (e));

      if (r == HC_SCOPE_OUT_NOT_STARTED)
        {
          GDate enters, horizon = ctx->today;

          g_date_add_days (&horizon, HC_PLAN_UPCOMING_DAYS);
          if (hc_scope_get_entry_date (ctx->config, e, &ctx->today, &enters) &&
              g_date_compare (&enters, &horizon) <= 0)
            {
              HcPlanUpcoming *u = g_new0 (HcPlanUpcoming, 1);

              u->employee_id = g_strdup (hc_employee_get_id (e));
              u->display_name = hc_employee_dup_display_name (e);
              u->email = g_strdup (employee_email (ctx, e));
              hc_scope_parse_date (hc_employee_get_field (e, HC_FIELD_HIRE_DATE), &u->start_date);
              u->enters_on = enters;
              g_ptr_array_add (self->upcoming, u);
            }
        }

      /* a managed member of theirs is handled below, and so is one that
       * is archived now */
      if (m != NULL && ((hc_member_get_connector_id (m) == ctx->connector_id &&
                         hc_member_get_hr_status (m) == HC_HR_STATUS_MANAGED) ||
                        is_leaver (ctx, m)))
        continue;
      code = skip_reason (ctx, r, e, &reason);
      add_skip (self, ctx, e, code, reason);
    }
}

static void
plan_leavers (HcPlan      *self,
              PlanContext *ctx,
              GPtrArray   *members)
{
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *m = g_ptr_array_index (members, i);
      const char *ext = hc_member_get_external_id (m);
      HcEmployee *e;
      HcPlanItem *item;
      gboolean gone;

      if (!is_leaver (ctx, m))
        continue;

      e = ext ? g_hash_table_lookup (ctx->employees, ext) : NULL;
      /* rules.md 9: inactive or gone → archive if asked, else previously
       * managed. rules.md 8: out of the scope otherwise → previously managed. */
      gone = e == NULL || hc_employee_get_status (e) == HC_EMPLOYEE_STATUS_INACTIVE;
      item = add_item (self, gone && ctx->config->archive_inactive ? HC_PLAN_ARCHIVE : HC_PLAN_UNMANAGE);
      set_identity (item, NULL, m, ctx);
      if (hc_member_get_hr_status (m) == HC_HR_STATUS_MANAGED)
        {
          gint64 member_id = hc_member_get_id (m);

          g_hash_table_add (self->managed_leavers, g_memdup2 (&member_id, sizeof member_id));
        }
      if (e != NULL)
        {
          g_free (item->display_name);
          item->display_name = hc_employee_dup_display_name (e);
        }

      if (e == NULL)
        {
          item->reason_code = HC_PLAN_REASON_GONE;
          item->reason = g_strdup (_("No longer in the HR system"));
        }
      else if (HC_SCOPE_RESULT_IS_IN (scope_of (ctx, ext)))
        {
          item->reason_code = GPOINTER_TO_INT (g_hash_table_lookup (ctx->skipped, ext));
          if (item->reason_code == HC_PLAN_REASON_NONE)
            item->reason_code = HC_PLAN_REASON_DUPLICATE_EMAIL;
          switch (item->reason_code)
            {
            case HC_PLAN_REASON_MISSING_FIELD:
              item->reason = g_strdup (_("Skipped in HR data (missing required field)"));
              break;
            case HC_PLAN_REASON_FOREIGN_MEMBER:
              item->reason = g_strdup (_("Skipped in HR data (e-mail of another connector’s member)"));
              break;
            case HC_PLAN_REASON_INVALID_DATA:
              item->reason = g_strdup (_("Skipped in HR data (a value is not valid text)"));
              break;
            case HC_PLAN_REASON_DUPLICATE_EMAIL:
            default:
              item->reason = g_strdup (_("Skipped in HR data (duplicate e-mail)"));
              break;
            }
        }
      else
        item->reason_code = skip_reason (ctx, scope_of (ctx, ext), e, &item->reason);

      if (item->kind == HC_PLAN_ARCHIVE)
        stage_change (ctx, "state", hc_member_state_to_string (hc_member_get_state (m)), "archived");
      else
        stage_change (ctx, "hr_status", "managed", "previously_managed");
      take_staged_changes (ctx, item);
    }
}

static guint
count_approved_archives (HcPlan *self)
{
  guint n = 0;

  /* the preview asks several times as it opens: no pass over 100,000
   * items of a sync that archives nobody */
  if (self->counts[HC_PLAN_ARCHIVE] == 0)
    return 0;
  for (guint i = 0; i < self->items->len; i++)
    {
      HcPlanItem *item = g_ptr_array_index (self->items, i);

      if (item->kind == HC_PLAN_ARCHIVE && !item->staged)
        n++;
    }
  return n;
}

/* The managed members the plan archives (approved) or no longer manages. */
static guint
count_managed_hurt (HcPlan *self)
{
  guint n = 0;

  if (self->counts[HC_PLAN_ARCHIVE] == 0 && self->counts[HC_PLAN_UNMANAGE] == 0)
    return 0;
  for (guint i = 0; i < self->items->len; i++)
    {
      HcPlanItem *item = g_ptr_array_index (self->items, i);

      if (((item->kind == HC_PLAN_ARCHIVE && !item->staged) || item->kind == HC_PLAN_UNMANAGE) &&
          g_hash_table_contains (self->managed_leavers, &item->member_id))
        n++;
    }
  return n;
}

/* "This is the first sync of this connector: it will invite 265 members
 * and create 8 members without access." — non-zero counts only. */
static char *
describe_first_sync (HcPlan *self)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) text = g_string_new (NULL);
  guint n;

  if ((n = self->counts[HC_PLAN_INVITE]))
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "invite %u member",
                                                          "invite %u members", n), n));
  if ((n = self->counts[HC_PLAN_CREATE_NO_ACCESS]))
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "create %u member without access",
                                                          "create %u members without access", n), n));
  if ((n = self->counts[HC_PLAN_BECOME_MANAGED]))
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "make %u existing member managed",
                                                          "make %u existing members managed", n), n));
  if ((n = self->counts[HC_PLAN_UPDATE]))
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "update %u member",
                                                          "update %u members", n), n));
  if ((n = count_approved_archives (self)))
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "archive %u member",
                                                          "archive %u members", n), n));
  if ((n = self->counts[HC_PLAN_UNMANAGE]))
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "mark %u member as no longer managed",
                                                          "mark %u members as no longer managed", n), n));

  if (parts->len == 0)
    return g_strdup (_("This is the first sync of this connector; it changes no member."));

  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0 && i == parts->len - 1)
        /* Translators: joins the last two actions of a list */
        g_string_append (text, _(" and "));
      else if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_ptr_array_index (parts, i));
    }

  /* Translators: %s is a list of actions, e.g. "invite 265 members and create 8 members without access" */
  return g_strdup_printf (_("This is the first sync of this connector: it will %s."), text->str);
}

/* rules.md 12: the safety check past the first sync. What hurts counts:
 * approved archives and members no longer managed. */
static gboolean
is_over_threshold (HcPlan *self)
{
  guint hurt = count_approved_archives (self) + self->counts[HC_PLAN_UNMANAGE];

  return (self->managed > 0 && count_managed_hurt (self) >= self->managed) ||
         hurt > self->archive_threshold;
}

/* rules.md 12, again whenever the approved archives change (rules.md 20). */
static void
update_confirmation (HcPlan *self)
{
  guint archives = count_approved_archives (self);
  guint unmanaged = self->counts[HC_PLAN_UNMANAGE];
  guint hurt = archives + unmanaged;

  g_clear_pointer (&self->confirmation_reason, g_free);
  if (self->first_sync)
    self->confirmation_reason = describe_first_sync (self);
  else if (!is_over_threshold (self))
    return;
  else if (self->managed > 0 && count_managed_hurt (self) >= self->managed)
    self->confirmation_reason =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "This sync would archive or no longer manage the only managed member of this connector.",
                                    "This sync would archive or no longer manage all %u managed members of this connector.", self->managed),
                       self->managed);
  else if (hurt > self->archive_threshold && unmanaged == 0)
    self->confirmation_reason =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "This sync would archive %u member, more than the safety threshold of %u.",
                                    "This sync would archive %u members, more than the safety threshold of %u.", archives),
                       archives, self->archive_threshold);
  else if (hurt > self->archive_threshold)
    self->confirmation_reason =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "This sync would archive or no longer manage %u member, more than the safety threshold of %u.",
                                    "This sync would archive or no longer manage %u members, more than the safety threshold of %u.", hurt),
                       hurt, self->archive_threshold);
}

static int
compare_upcoming (gconstpointer a,
                  gconstpointer b)
{
  const HcPlanUpcoming *ua = *(HcPlanUpcoming **) a;
  const HcPlanUpcoming *ub = *(HcPlanUpcoming **) b;
  int c = g_date_compare (&ua->enters_on, &ub->enters_on);

  return c != 0 ? c : g_utf8_collate (ua->display_name, ub->display_name);
}

/* The e-mail the mapping gives each employee of all_employees[start,
 * end), and its folded key, in ctx->email_at and ctx->key_at */
static void
read_emails (gpointer data,
             guint    start,
             guint    end)
{
  PlanContext *ctx = data;

  if (ctx->email == NULL)
    return;
  for (guint i = start; i < end; i++)
    {
      char *email = hc_mapping_resolve_field (ctx->email, ctx->email_id,
                                              g_ptr_array_index (ctx->all_employees, i));

      if (email != NULL)
        {
          ctx->email_at[i] = email;
          ctx->key_at[i] = hc_email_normalize (email);
        }
    }
}

static void
plan_context_init (PlanContext    *ctx,
                   const HcConfig *config,
                   gint64          connector_id,
                   GPtrArray      *employees,
                   GPtrArray      *members,
                   const GDate    *today)
{
  g_autoptr (GDateTime) now = NULL;
  GThread *indexer = NULL;

  ctx->config = config;
  ctx->connector_id = connector_id;
  g_date_clear (&ctx->today, 1);
  if (today != NULL && g_date_valid (today))
    ctx->today = *today;
  else
    {
      now = g_date_time_new_now_local ();
      g_date_set_dmy (&ctx->today, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
    }
  ctx->employees = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->members_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  ctx->member_ids = g_new (gint64, MAX (members->len, 1));
  ctx->member_keys = g_ptr_array_new_full (members->len, g_free);
  ctx->by_external = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->by_email = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->claimed = g_hash_table_new (NULL, NULL);
  ctx->will_exist = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->foreign_emails = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->live_emails = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->email_places = g_hash_table_new (NULL, NULL);
  ctx->skipped = g_hash_table_new (g_str_hash, g_str_equal);
  ctx->first_name = hc_mapping_get_entry (config, HC_MEMBER_FIELD_FIRST_NAME);
  ctx->last_name = hc_mapping_get_entry (config, HC_MEMBER_FIELD_LAST_NAME);
  for (guint i = 0; i < G_N_ELEMENTS (text_targets); i++)
    {
      ctx->text_entries[i] = hc_mapping_get_entry (config, text_targets[i]);
      ctx->text_ids[i] = ctx->text_entries[i] ? hc_mapping_entry_get_field_id (ctx->text_entries[i]) : G_MAXUINT;
    }
  ctx->manager = hc_mapping_get_entry (config, HC_MEMBER_FIELD_MANAGER);
  ctx->manager_id = ctx->manager ? hc_mapping_entry_get_field_id (ctx->manager) : G_MAXUINT;
  ctx->email = hc_mapping_get_entry (config, HC_MEMBER_FIELD_EMAIL);
  ctx->email_id = ctx->email ? hc_mapping_entry_get_field_id (ctx->email) : G_MAXUINT;
  ctx->custom_entries = g_ptr_array_new ();
  ctx->custom_fields = g_ptr_array_new ();
  ctx->custom_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < config->mapping->len; i++)
    {
      HcMappingEntry *entry = g_ptr_array_index (config->mapping, i);

      if (g_str_has_prefix (entry->target, "custom."))
        {
          guint id = hc_mapping_entry_get_field_id (entry);

          g_ptr_array_add (ctx->custom_entries, entry);
          g_ptr_array_add (ctx->custom_fields, (gpointer) g_intern_string (entry->target));
          g_array_append_val (ctx->custom_ids, id);
        }
    }
  ctx->staged = g_array_new (FALSE, FALSE, sizeof (StagedChange));
  ctx->staged_values = g_string_sized_new (1024);
  ctx->required = g_ptr_array_new ();
  for (guint i = 0; i < config->mapping->len; i++)
    if (((HcMappingEntry *) g_ptr_array_index (config->mapping, i))->required)
      g_ptr_array_add (ctx->required, g_ptr_array_index (config->mapping, i));

  /* The members' tables and the scope on the other core, while the
   * employees' e-mails are read here: they share nothing. */
  ctx->members = members;
  ctx->all_employees = employees;
  if (members->len + employees->len >= INDEX_IN_THREAD_FROM)
    indexer = g_thread_new ("hc-plan-index", index_thread, ctx);
  else
    index_thread (ctx);

  ctx->email_at = g_new0 (char *, MAX (employees->len, 1));
  ctx->key_at = g_new0 (char *, MAX (employees->len, 1));
  ctx->n_at = employees->len;
  /* each half's e-mails on a core, beside the indexer */
  run_in_halves ("hc-plan-emails", employees->len, INDEX_IN_THREAD_FROM, read_emails, ctx);
  /* from the last: the first record of an id is the one inserted last,
   * which keeps it, each id hashed once */
  for (guint i = employees->len; i-- > 0;)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);

      g_hash_table_insert (ctx->employees, (gpointer) hc_employee_get_id (e), e);
      if (ctx->email_at[i] != NULL)
        g_hash_table_insert (ctx->email_places, e, GUINT_TO_POINTER (i + 1));
    }
  if (indexer != NULL)
    g_thread_join (indexer);
}

static void
plan_context_clear (PlanContext *ctx)
{
  g_clear_pointer (&ctx->scope, g_hash_table_unref);
  g_clear_pointer (&ctx->brought_by, g_hash_table_unref);
  g_clear_pointer (&ctx->employees, g_hash_table_unref);
  g_clear_pointer (&ctx->members_by_id, g_hash_table_unref);
  g_clear_pointer (&ctx->member_ids, g_free);
  g_clear_pointer (&ctx->by_external, g_hash_table_unref);
  g_clear_pointer (&ctx->by_email, g_hash_table_unref);
  g_clear_pointer (&ctx->claimed, g_hash_table_unref);
  g_clear_pointer (&ctx->will_exist, g_hash_table_unref);
  g_clear_pointer (&ctx->foreign_emails, g_hash_table_unref);
  g_clear_pointer (&ctx->live_emails, g_hash_table_unref);
  g_clear_pointer (&ctx->member_keys, g_ptr_array_unref);
  g_clear_pointer (&ctx->email_places, g_hash_table_unref);
  for (guint i = 0; i < ctx->n_at; i++)
    {
      g_free (ctx->email_at[i]);
      g_free (ctx->key_at[i]);
    }
  g_clear_pointer (&ctx->email_at, g_free);
  g_clear_pointer (&ctx->key_at, g_free);
  ctx->n_at = 0;
  g_clear_pointer (&ctx->skipped, g_hash_table_unref);
  g_clear_pointer (&ctx->required, g_ptr_array_unref);
  g_clear_pointer (&ctx->custom_entries, g_ptr_array_unref);
  g_clear_pointer (&ctx->custom_ids, g_array_unref);
  g_clear_pointer (&ctx->custom_fields, g_ptr_array_unref);
  g_clear_pointer (&ctx->staged, g_array_unref);
  if (ctx->staged_values != NULL)
    g_string_free (g_steal_pointer (&ctx->staged_values), TRUE);
}

/* Reporting cycles (rules.md 7): who reports to whom by the manager's
 * mapping, each employee reached once. It reads only the employees and
 * the configuration, so it runs beside the plan. */

typedef struct _ReportNode ReportNode;
struct _ReportNode
{
  HcEmployee *employee;
  ReportNode *manager;   /* NULL: none, oneself, or not in the HR data */
  guint       walk;      /* the walk that reached it, 0 before any */
};

typedef struct
{
  GPtrArray            *employees;
  const HcMappingEntry *manager;
  guint                 manager_id;
  GPtrArray            *cycles;     /* GPtrArray of HcEmployee*, in reporting order */
} CycleSearch;

/* A reporting line reaches back to where it started: each employee's
 * manager is followed until an employee an earlier walk reached, or one
 * this walk reached (a cycle, from that employee on). */
static gpointer
find_cycles_thread (gpointer data)
{
  CycleSearch *search = data;
  guint n = search->employees->len;
  g_autofree ReportNode *nodes = g_new0 (ReportNode, MAX (n, 1));
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

  /* the first record of an id, as the plan: inserted last */
  for (guint i = n; i-- > 0;)
    {
      nodes[i].employee = g_ptr_array_index (search->employees, i);
      g_hash_table_insert (by_id, (gpointer) hc_employee_get_id (nodes[i].employee), &nodes[i]);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *manager_id = hc_mapping_resolve_field (search->manager, search->manager_id,
                                                              nodes[i].employee);

      if (manager_id != NULL)
        nodes[i].manager = g_hash_table_lookup (by_id, manager_id);
      if (nodes[i].manager == &nodes[i])
        nodes[i].manager = NULL;
    }

  for (guint i = 0; i < n; i++)
    {
      guint walk = i + 1;
      ReportNode *node = &nodes[i];

      while (node != NULL && node->walk == 0)
        {
          node->walk = walk;
          node = node->manager;
        }
      if (node == NULL || node->walk != walk)
        continue;
      {
        GPtrArray *cycle = g_ptr_array_new ();
        ReportNode *start = node;

        do
          {
            g_ptr_array_add (cycle, node->employee);
            node = node->manager;
          }
        while (node != start);
        if (search->cycles == NULL)
          search->cycles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
        g_ptr_array_add (search->cycles, cycle);
      }
    }
  return NULL;
}

/* The most people a cycle's warning names. */
#define CYCLE_NAMES_SHOWN 8

/* Each cycle among the members the sync keeps, in a warning: the
 * directory will have them report to each other as HR says. */
static void
warn_cycles (HcPlan      *self,
             PlanContext *ctx,
             CycleSearch *search)
{
  for (guint c = 0; search->cycles != NULL && c < search->cycles->len; c++)
    {
      GPtrArray *cycle = g_ptr_array_index (search->cycles, c);
      g_autoptr (GString) line = g_string_new (NULL);
      gboolean kept = TRUE;

      for (guint i = 0; i < cycle->len && kept; i++)
        kept = g_hash_table_contains (ctx->will_exist, hc_employee_get_id (g_ptr_array_index (cycle, i)));
      if (!kept)
        continue;
      if (cycle->len == 2)
        {
          HcEmployee *a = g_ptr_array_index (cycle, 0), *b = g_ptr_array_index (cycle, 1);
          g_autofree char *who_a = hc_employee_dup_display_name (a);
          g_autofree char *who_b = hc_employee_dup_display_name (b);

          add_warning (self, _("%s (%s) and %s (%s) are each other’s managers in the HR system: Headcount keeps both as HR gives them; correct one of the two in the HR system"),
                       who_a, hc_employee_get_id (a), who_b, hc_employee_get_id (b));
          continue;
        }
      for (guint i = 0; i <= MIN (cycle->len, CYCLE_NAMES_SHOWN); i++)
        {
          HcEmployee *e = g_ptr_array_index (cycle, i % cycle->len);
          g_autofree char *who = hc_employee_dup_display_name (e);

          if (i == CYCLE_NAMES_SHOWN && i < cycle->len)
            {
              /* Translators: the end of a cut reporting line, "… (12 more)" */
              g_string_append_printf (line, _(" → … (%u more)"), cycle->len - i);
              break;
            }
          if (i > 0)
            g_string_append (line, " → ");
          g_string_append_printf (line, "%s (%s)", who, hc_employee_get_id (e));
        }
      add_warning (self, _("In the HR system, each of these reports to the next, in a circle: %s. Headcount keeps these managers as HR gives them; correct one reporting line in the HR system"),
                   line->str);
    }
}

static HcPlan *
plan_compute (PlanContext *ctx,
              GPtrArray   *employees,
              GPtrArray   *members,
              gboolean     first_sync)
{
  HcPlan *self = g_object_new (HC_TYPE_PLAN, NULL);
  CycleSearch search = { 0 };
  GThread *cycles = NULL;
  guint managed = 0;

  self->connector_id = ctx->connector_id;
  self->first_sync = first_sync;
  self->managed_leavers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  /* The scope decision, for the checks (hc_plan_get_scope()): the table
   * itself, its keys the employees' ids, which the plan keeps. */
  self->scope = g_hash_table_ref (ctx->scope);
  self->employees = g_ptr_array_ref (employees);

  search.employees = employees;
  search.manager = ctx->manager;
  search.manager_id = ctx->manager_id;
  if (ctx->manager != NULL && employees->len >= INDEX_IN_THREAD_FROM)
    cycles = g_thread_new ("hc-plan-cycles", find_cycles_thread, &search);
  else if (ctx->manager != NULL)
    find_cycles_thread (&search);

  plan_employees (self, ctx, employees);
  if (cycles != NULL)
    g_thread_join (cycles);
  warn_cycles (self, ctx, &search);
  g_clear_pointer (&search.cycles, g_ptr_array_unref);
  plan_leavers (self, ctx, members);
  g_ptr_array_sort (self->upcoming, compare_upcoming);

  for (guint i = 0; i < members->len; i++)
    {
      HcMember *m = g_ptr_array_index (members, i);

      if (hc_member_get_connector_id (m) == ctx->connector_id &&
          hc_member_get_hr_status (m) == HC_HR_STATUS_MANAGED &&
          hc_member_get_state (m) != HC_MEMBER_STATE_ARCHIVED)
        managed++;
    }

  /* rules.md 12: threshold = max (5, percent of managed members) */
  self->managed = managed;
  self->archive_threshold = MAX (5u, (guint) ceil (managed * ctx->config->safety_threshold_percent / 100.0));
  update_confirmation (self);
  return self;
}

HcPlan *
hc_plan_compute_at (const HcConfig *config,
                    gint64          connector_id,
                    GPtrArray      *employees,
                    GPtrArray      *members,
                    gboolean        first_sync,
                    const GDate    *today)
{
  PlanContext ctx = { 0 };
  HcPlan *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (employees != NULL, NULL);
  g_return_val_if_fail (members != NULL, NULL);

  plan_context_init (&ctx, config, connector_id, employees, members, today);
  self = plan_compute (&ctx, employees, members, first_sync);
  plan_context_clear (&ctx);
  return self;
}

HcPlan *
hc_plan_new_from_items (gint64     connector_id,
                        GPtrArray *items)
{
  HcPlan *self = g_object_new (HC_TYPE_PLAN, NULL);

  g_return_val_if_fail (items != NULL, self);

  self->connector_id = connector_id;
  self->managed_leavers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      HcPlanItem *item = g_ptr_array_index (items, i);

      self->counts[item->kind]++;
      g_ptr_array_add (self->items, item);
    }
  g_ptr_array_set_free_func (items, NULL);
  g_ptr_array_unref (items);
  return self;
}

HcPlan *
hc_plan_compute (const HcConfig *config,
                 gint64          connector_id,
                 GPtrArray      *employees,
                 GPtrArray      *members,
                 gboolean        first_sync)
{
  return hc_plan_compute_at (config, connector_id, employees, members, first_sync, NULL);
}

HcScopeResult
hc_plan_get_scope (HcPlan     *self,
                   const char *employee_id)
{
  gpointer v;

  g_return_val_if_fail (HC_IS_PLAN (self), HC_SCOPE_OUT_FILTER);
  g_return_val_if_fail (employee_id != NULL, HC_SCOPE_OUT_FILTER);

  v = self->scope != NULL ? g_hash_table_lookup (self->scope, employee_id) : NULL;
  return v != NULL ? GPOINTER_TO_INT (v) - 1 : HC_SCOPE_OUT_FILTER;
}

GPtrArray *
hc_plan_get_items (HcPlan *self)
{
  g_return_val_if_fail (HC_IS_PLAN (self), NULL);
  return self->items;
}

guint
hc_plan_count (HcPlan    *self,
               HcPlanKind kind)
{
  g_return_val_if_fail (HC_IS_PLAN (self), 0);
  g_return_val_if_fail (kind < HC_PLAN_N_KINDS, 0);
  return self->counts[kind];
}

gint64
hc_plan_get_connector_id (HcPlan *self)
{
  g_return_val_if_fail (HC_IS_PLAN (self), 0);
  return self->connector_id;
}

gboolean
hc_plan_is_first_sync (HcPlan *self)
{
  g_return_val_if_fail (HC_IS_PLAN (self), FALSE);
  return self->first_sync;
}

gboolean
hc_plan_is_empty (HcPlan *self)
{
  g_return_val_if_fail (HC_IS_PLAN (self), TRUE);

  for (HcPlanKind k = 0; k < HC_PLAN_N_KINDS; k++)
    if (k != HC_PLAN_SKIP && k != HC_PLAN_UNCHANGED && k != HC_PLAN_ARCHIVE && self->counts[k] > 0)
      return FALSE;
  if (self->group_plan != NULL && !hc_group_plan_is_empty (self->group_plan))
    return FALSE;
  /* staged archives change nothing */
  return count_approved_archives (self) == 0;
}

void
hc_plan_set_group_plan (HcPlan      *self,
                        HcGroupPlan *group_plan)
{
  g_return_if_fail (HC_IS_PLAN (self));
  g_set_object (&self->group_plan, group_plan);
}

HcGroupPlan *
hc_plan_get_group_plan (HcPlan *self)
{
  g_return_val_if_fail (HC_IS_PLAN (self), NULL);
  return self->group_plan;
}

void
hc_plan_release_employees (HcPlan *self)
{
  g_return_if_fail (HC_IS_PLAN (self));

  /* the scope's keys are the employees' ids: it goes first */
  g_clear_pointer (&self->scope, g_hash_table_unref);
  g_clear_pointer (&self->employees, g_ptr_array_unref);
  if (self->group_plan != NULL)
    hc_group_plan_release_employees (self->group_plan);
}

gboolean
hc_plan_needs_confirmation (HcPlan *self)
{
  g_return_val_if_fail (HC_IS_PLAN (self), TRUE);
  return self->confirmation_reason != NULL;
}

const char *
hc_plan_get_confirmation_reason (HcPlan *self)
{
  g_return_val_if_fail (HC_IS_PLAN (self), NULL);
  return self->confirmation_reason;
}

gboolean
hc_plan_exceeds_safety_threshold (HcPlan *self)
{
  g_return_val_if_fail (HC_IS_PLAN (self), FALSE);

  return !self->first_sync && is_over_threshold (self);
}

guint
hc_plan_get_archive_threshold (HcPlan *self)
{
  g_return_val_if_fail (HC_IS_PLAN (self), 0);
  return self->archive_threshold;
}

GPtrArray *
hc_plan_get_warnings (HcPlan *self)
{
  g_return_val_if_fail (HC_IS_PLAN (self), NULL);
  return self->warnings;
}

GPtrArray *
hc_plan_get_upcoming (HcPlan *self)
{
  g_return_val_if_fail (HC_IS_PLAN (self), NULL);
  return self->upcoming;
}

gboolean
hc_plan_set_archive_approved (HcPlan  *self,
                              gint64   member_id,
                              gboolean approved)
{
  gboolean found = FALSE;

  g_return_val_if_fail (HC_IS_PLAN (self), FALSE);

  for (guint i = 0; i < self->items->len; i++)
    {
      HcPlanItem *item = g_ptr_array_index (self->items, i);

      if (item->kind == HC_PLAN_ARCHIVE && item->member_id == member_id)
        {
          item->staged = !approved;
          found = TRUE;
        }
    }
  if (found)
    update_confirmation (self);
  return found;
}

void
hc_plan_approve_all_archives (HcPlan  *self,
                              gboolean approved)
{
  g_return_if_fail (HC_IS_PLAN (self));

  for (guint i = 0; i < self->items->len; i++)
    {
      HcPlanItem *item = g_ptr_array_index (self->items, i);

      if (item->kind == HC_PLAN_ARCHIVE)
        item->staged = !approved;
    }
  update_confirmation (self);
}

gboolean
hc_plan_is_archive_approved (HcPlan *self,
                             gint64  member_id)
{
  g_return_val_if_fail (HC_IS_PLAN (self), FALSE);

  for (guint i = 0; i < self->items->len; i++)
    {
      HcPlanItem *item = g_ptr_array_index (self->items, i);

      if (item->kind == HC_PLAN_ARCHIVE && item->member_id == member_id)
        return !item->staged;
    }
  return FALSE;
}

guint
hc_plan_count_staged (HcPlan *self)
{
  g_return_val_if_fail (HC_IS_PLAN (self), 0);
  return self->counts[HC_PLAN_ARCHIVE] - count_approved_archives (self);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          const GDate *date)
{
  g_autofree char *text = g_date_valid (date) ? format_date (date) : NULL;

  hc_json_add_string (builder, name, text);
}

static void
add_changes (JsonBuilder *builder,
             GPtrArray   *changes)
{
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint j = 0; changes && j < changes->len; j++)
    {
      HcFieldChange *c = g_ptr_array_index (changes, j);

      json_builder_begin_object (builder);
      hc_json_add_string (builder, "field", c->field);
      hc_json_add_string (builder, "before", c->before);
      hc_json_add_string (builder, "after", c->after);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

void
hc_plan_to_json (HcPlan      *self,
                 JsonBuilder *builder,
                 gboolean     with_items)
{
  hc_plan_to_json_with (self, builder, with_items ? HC_PLAN_JSON_PREVIEW_ITEMS : HC_PLAN_JSON_NO_ITEMS);
}

static gboolean
item_wanted (HcPlanKind      kind,
             HcPlanJsonItems items)
{
  switch (items)
    {
    case HC_PLAN_JSON_CHANGED_ITEMS:
      return kind != HC_PLAN_UNCHANGED && kind != HC_PLAN_SKIP;
    case HC_PLAN_JSON_PREVIEW_ITEMS:
      return kind != HC_PLAN_UNCHANGED;
    case HC_PLAN_JSON_ALL_ITEMS:
      return TRUE;
    case HC_PLAN_JSON_NO_ITEMS:
    default:
      return FALSE;
    }
}

void
hc_plan_to_json_with (HcPlan         *self,
                      JsonBuilder    *builder,
                      HcPlanJsonItems items)
{
  gboolean with_items = items != HC_PLAN_JSON_NO_ITEMS;

  g_return_if_fail (HC_IS_PLAN (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "connector_id");
  json_builder_add_int_value (builder, self->connector_id);
  json_builder_set_member_name (builder, "first_sync");
  json_builder_add_boolean_value (builder, self->first_sync);
  json_builder_set_member_name (builder, "needs_confirmation");
  json_builder_add_boolean_value (builder, hc_plan_needs_confirmation (self));
  hc_json_add_string (builder, "confirmation_reason", self->confirmation_reason);
  json_builder_set_member_name (builder, "archive_threshold");
  json_builder_add_int_value (builder, self->archive_threshold);

  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  for (HcPlanKind k = 0; k < HC_PLAN_N_KINDS; k++)
    {
      json_builder_set_member_name (builder, kind_names[k]);
      json_builder_add_int_value (builder, self->counts[k]);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "staged_archives");
  json_builder_add_int_value (builder, hc_plan_count_staged (self));

  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->warnings, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "upcoming");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->upcoming->len; i++)
    {
      HcPlanUpcoming *u = g_ptr_array_index (self->upcoming, i);

      json_builder_begin_object (builder);
      hc_json_add_string (builder, "employee_id", u->employee_id);
      hc_json_add_string (builder, "name", u->display_name);
      hc_json_add_string (builder, "email", u->email);
      add_date (builder, "start_date", &u->start_date);
      add_date (builder, "enters_scope_on", &u->enters_on);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (with_items)
    {
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->items->len; i++)
        {
          HcPlanItem *item = g_ptr_array_index (self->items, i);

          if (!item_wanted (item->kind, items))
            continue;
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, kind_names[item->kind]);
          hc_json_add_string (builder, "employee_id", item->employee_id);
          json_builder_set_member_name (builder, "member_id");
          if (item->member_id)
            json_builder_add_int_value (builder, item->member_id);
          else
            json_builder_add_null_value (builder);
          hc_json_add_string (builder, "name", item->display_name);
          hc_json_add_string (builder, "email", item->email);
          hc_json_add_string (builder, "reason", item->reason);
          hc_json_add_string (builder, "reason_code", hc_plan_reason_to_string (item->reason_code));
          hc_json_add_string (builder, "match", hc_plan_match_to_string (item->match));
          if (item->kind == HC_PLAN_ARCHIVE)
            {
              json_builder_set_member_name (builder, "staged");
              json_builder_add_boolean_value (builder, item->staged);
            }
          add_changes (builder, item->changes);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  if (self->group_plan != NULL)
    {
      json_builder_set_member_name (builder, "groups");
      hc_group_plan_to_json (self->group_plan, builder, with_items);
    }

  json_builder_end_object (builder);
}

const char *
hc_plan_kind_to_string (HcPlanKind kind)
{
  g_return_val_if_fail (kind < HC_PLAN_N_KINDS, NULL);
  return kind_names[kind];
}

const char *
hc_plan_reason_to_string (HcPlanReason reason)
{
  g_return_val_if_fail (reason < G_N_ELEMENTS (reason_names), NULL);
  return reason_names[reason];
}

const char *
hc_plan_match_to_string (HcPlanMatch match)
{
  g_return_val_if_fail (match < G_N_ELEMENTS (match_names), NULL);
  return match_names[match];
}

const char *
hc_plan_kind_describe (HcPlanKind kind)
{
  switch (kind)
    {
    case HC_PLAN_INVITE:
      return _("New invitations");
    case HC_PLAN_CREATE_NO_ACCESS:
      return _("New members without access");
    case HC_PLAN_BECOME_MANAGED:
      return _("Existing members that become managed");
    case HC_PLAN_UPDATE:
      return _("Updated members");
    case HC_PLAN_ARCHIVE:
      return _("Archived members");
    case HC_PLAN_UNMANAGE:
      return _("Members no longer managed");
    case HC_PLAN_SKIP:
      return _("Skipped employees");
    case HC_PLAN_UNCHANGED:
      return _("Unchanged members");
    case HC_PLAN_REMOVE:
      return _("Removed members");
    case HC_PLAN_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ─── explain ──────────────────────────────────────────────────────── */

void
hc_explanation_free (HcExplanation *self)
{
  if (self == NULL)
    return;
  g_free (self->query);
  g_free (self->employee_id);
  g_free (self->display_name);
  g_free (self->email);
  g_free (self->clause);
  g_free (self->match_text);
  g_free (self->outcome);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_free (self);
}

static HcEmployee *
find_employee (PlanContext *ctx,
               GPtrArray   *employees,
               const char  *query)
{
  g_autofree char *key = hc_email_normalize (query);
  HcEmployee *e = g_hash_table_lookup (ctx->employees, query);

  if (e != NULL || key == NULL)
    return e;
  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *candidate = g_ptr_array_index (employees, i);
      g_autofree char *raw = hc_email_normalize (hc_employee_get_email (candidate));

      if (g_strcmp0 (employee_email_key (ctx, candidate), key) == 0 ||
          g_strcmp0 (raw, key) == 0)
        return g_hash_table_lookup (ctx->employees, hc_employee_get_id (candidate));
    }
  return NULL;
}

static HcMember *
find_member_by_query (GPtrArray  *members,
                      const char *query)
{
  g_autofree char *key = hc_email_normalize (query);
  const char *digits = query[0] == '#' ? query + 1 : query;
  char *end = NULL;
  gint64 id = g_ascii_strtoll (digits, &end, 10);

  if (end == NULL || *end != '\0' || end == digits)
    id = 0;
  for (guint i = 0; i < members->len; i++)
    {
      HcMember *m = g_ptr_array_index (members, i);
      g_autofree char *mkey = hc_email_normalize (hc_member_get_email (m));

      if ((id > 0 && hc_member_get_id (m) == id) || (key != NULL && g_strcmp0 (mkey, key) == 0))
        return m;
    }
  return NULL;
}

static HcPlanItem *
find_item_for (HcPlan     *plan,
               const char *employee_id,
               gint64      member_id)
{
  HcPlanItem *skip = NULL;

  for (guint i = 0; i < plan->items->len; i++)
    {
      HcPlanItem *item = g_ptr_array_index (plan->items, i);

      if (employee_id != NULL && g_strcmp0 (item->employee_id, employee_id) == 0)
        {
          if (item->kind != HC_PLAN_SKIP)
            return item;
          if (skip == NULL)
            skip = item;
        }
      else if (employee_id == NULL && member_id != 0 && item->member_id == member_id)
        return item;
    }
  return skip;
}

static char *
describe_outcome (HcPlanItem *item)
{
  guint n = item->changes ? item->changes->len : 0;

  switch (item->kind)
    {
    case HC_PLAN_INVITE:
      return g_strdup (_("Headcount invites them as a new member"));
    case HC_PLAN_CREATE_NO_ACCESS:
      return g_strdup (_("Headcount creates a member without access: the HR system has no e-mail for them"));
    case HC_PLAN_BECOME_MANAGED:
      return g_strdup (_("The existing member becomes managed and takes the HR fields"));
    case HC_PLAN_UPDATE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The member is updated: %u field changes",
                                           "The member is updated: %u fields change", n), n);
    case HC_PLAN_UNCHANGED:
      return g_strdup (_("The member is managed and already up to date"));
    case HC_PLAN_ARCHIVE:
      return item->staged
             ? g_strdup_printf (_("The member would be archived (%s), but the archive is staged until approved"), item->reason)
             : g_strdup_printf (_("The member is archived: %s"), item->reason);
    case HC_PLAN_UNMANAGE:
      return g_strdup_printf (_("The member is left as it is and is no longer managed by HR: %s"), item->reason);
    case HC_PLAN_SKIP:
      return g_strdup_printf (_("Skipped: %s"), item->reason);
    case HC_PLAN_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
describe_member_only (HcMember *member,
                      gint64    connector_id)
{
  if (hc_member_get_hr_status (member) == HC_HR_STATUS_PREVIOUSLY_MANAGED && hc_member_get_connector_id (member) == 0)
    return g_strdup (_("No longer managed: its connector was removed, no employee of the HR system matches it, and the sync leaves it as it is"));
  if (hc_member_get_hr_status (member) == HC_HR_STATUS_MANUAL || hc_member_get_connector_id (member) == 0)
    return g_strdup (_("A manual member: no employee of the HR system matches it, and Headcount never changes, archives or deletes it"));
  if (hc_member_get_connector_id (member) != connector_id)
    return g_strdup (_("Managed by another connector: this connector leaves it alone"));
  if (hc_member_get_state (member) == HC_MEMBER_STATE_ARCHIVED)
    return g_strdup (_("Archived: the sync leaves it as it is"));
  if (hc_member_get_hr_status (member) == HC_HR_STATUS_PREVIOUSLY_MANAGED)
    return g_strdup (_("No longer managed: its employee left the scope; the sync leaves it as it is"));
  return g_strdup (_("The sync does not change it"));
}

HcExplanation *
hc_plan_explain (const HcConfig *config,
                 gint64          connector_id,
                 GPtrArray      *employees,
                 GPtrArray      *members,
                 const char     *id_or_email,
                 const GDate    *today,
                 GError        **error)
{
  g_autoptr (HcExplanation) self = NULL;
  g_autoptr (HcPlan) plan = NULL;
  g_autofree char *query = NULL;
  PlanContext ctx = { 0 };
  HcEmployee *employee;
  HcMember *member = NULL;
  HcPlanItem *item;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (employees != NULL, NULL);
  g_return_val_if_fail (members != NULL, NULL);
  g_return_val_if_fail (id_or_email != NULL, NULL);

  query = g_strstrip (g_strdup (id_or_email));
  plan_context_init (&ctx, config, connector_id, employees, members, today);

  employee = *query ? find_employee (&ctx, employees, query) : NULL;
  if (employee == NULL && *query)
    member = find_member_by_query (members, query);
  if (employee == NULL && member == NULL)
    {
      plan_context_clear (&ctx);
      g_set_error (error, HC_ERROR, HC_ERROR_NOT_FOUND,
                   _("No employee or member matches “%s”: give an HR employee id, an e-mail or a member id"),
                   query);
      return NULL;
    }

  plan = plan_compute (&ctx, employees, members, FALSE);

  self = g_new0 (HcExplanation, 1);
  self->query = g_strdup (query);
  self->kind = HC_PLAN_N_KINDS;

  if (employee != NULL)
    {
      const char *id = hc_employee_get_id (employee);
      const char *report_id = g_hash_table_lookup (ctx.brought_by, id);
      g_autofree char *report = report_id ? manager_display (&ctx, report_id) : NULL;

      self->has_employee = TRUE;
      self->employee_id = g_strdup (id);
      self->display_name = hc_employee_dup_display_name (employee);
      self->email = g_strdup (employee_email (&ctx, employee));
      self->scope = scope_of (&ctx, id);
      self->clause = hc_scope_explain (config, employee, self->scope, report, &ctx.today);
      item = find_item_for (plan, id, 0);
    }
  else
    {
      self->employee_id = g_strdup (hc_member_get_external_id (member));
      self->display_name = g_strdup (hc_member_get_display_name (member));
      self->email = g_strdup (hc_member_get_email (member));
      self->member_id = hc_member_get_id (member);
      item = find_item_for (plan, NULL, self->member_id);
      if (hc_member_get_connector_id (member) == connector_id && self->employee_id != NULL)
        /* Translators: %s is an HR employee id */
        self->clause = g_strdup_printf (_("No employee with id %s in the HR system"), self->employee_id);
      else
        self->clause = g_strdup (_("No employee of the HR system matches this member"));
    }

  if (item != NULL)
    {
      self->kind = item->kind;
      self->match = item->match;
      if (item->member_id != 0)
        self->member_id = item->member_id;
      self->outcome = describe_outcome (item);
      self->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_field_change_free);
      for (guint i = 0; item->changes && i < item->changes->len; i++)
        {
          HcFieldChange *c = g_ptr_array_index (item->changes, i);
          HcFieldChange *copy = g_new0 (HcFieldChange, 1);

          copy->field = g_strdup (c->field);
          copy->before = g_strdup (c->before);
          copy->after = g_strdup (c->after);
          g_ptr_array_add (self->changes, copy);
        }
    }
  else if (member != NULL)
    self->outcome = describe_member_only (member, connector_id);
  else
    self->outcome = g_strdup (_("The sync does not change anything for them"));

  switch (self->match)
    {
    case HC_PLAN_MATCH_EMPLOYEE_ID:
      /* Words, not "member #67": the explanation names the person already. */
      self->match_text = g_strdup_printf (_("Matched to their member by employee id %s"),
                                          self->employee_id);
      break;
    case HC_PLAN_MATCH_EMAIL:
      self->match_text = g_strdup_printf (_("Matched to their member by e-mail %s"),
                                          self->email);
      break;
    case HC_PLAN_MATCH_NONE:
    default:
      if (self->kind == HC_PLAN_INVITE || self->kind == HC_PLAN_CREATE_NO_ACCESS)
        self->match_text = g_strdup (_("No member has this employee id or e-mail: a new member is created"));
      else if (self->kind == HC_PLAN_ARCHIVE || self->kind == HC_PLAN_UNMANAGE)
        self->match_text = g_strdup_printf (_("Their member has employee id %s"),
                                            self->employee_id ? self->employee_id : "");
      break;
    }

  plan_context_clear (&ctx);
  return g_steal_pointer (&self);
}

void
hc_explanation_to_json (HcExplanation *self,
                        JsonBuilder   *builder)
{
  g_return_if_fail (self != NULL);

  json_builder_begin_object (builder);
  hc_json_add_string (builder, "query", self->query);
  hc_json_add_string (builder, "employee_id", self->employee_id);
  json_builder_set_member_name (builder, "member_id");
  if (self->member_id)
    json_builder_add_int_value (builder, self->member_id);
  else
    json_builder_add_null_value (builder);
  hc_json_add_string (builder, "name", self->display_name);
  hc_json_add_string (builder, "email", self->email);
  hc_json_add_string (builder, "scope", self->has_employee ? hc_scope_result_to_string (self->scope) : NULL);
  json_builder_set_member_name (builder, "in_scope");
  json_builder_add_boolean_value (builder, self->has_employee && HC_SCOPE_RESULT_IS_IN (self->scope));
  hc_json_add_string (builder, "clause", self->clause);
  hc_json_add_string (builder, "match", hc_plan_match_to_string (self->match));
  hc_json_add_string (builder, "match_text", self->match_text);
  hc_json_add_string (builder, "action", self->kind < HC_PLAN_N_KINDS ? kind_names[self->kind] : NULL);
  hc_json_add_string (builder, "outcome", self->outcome);
  add_changes (builder, self->changes);
  if (self->groups != NULL)
    {
      json_builder_set_member_name (builder, "groups");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->groups->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (self->groups, i));
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}
