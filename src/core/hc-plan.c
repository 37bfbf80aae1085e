/* hc-plan.c — the pure diff: employees + members + config → plan (rules 3–12)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-plan"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "hc-mapping.h"
#include "hc-plan.h"
#include "hc-scope.h"

struct _HcPlan
{
  GObject     parent_instance;

  gint64      connector_id;
  GPtrArray  *items;            /* of HcPlanItem* */
  GPtrArray  *warnings;         /* of char* */
  guint       counts[HC_PLAN_N_KINDS];
  guint       archive_threshold;
  gboolean    first_sync;
  char       *confirmation_reason;
};

G_DEFINE_FINAL_TYPE (HcPlan, hc_plan, G_TYPE_OBJECT)

static const char * const kind_names[HC_PLAN_N_KINDS] = {
  "invite", "create_no_access", "become_managed", "update", "archive", "unmanage", "skip", "unchanged",
};

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
  g_free (item->employee_id);
  g_free (item->display_name);
  g_free (item->email);
  g_free (item->reason);
  g_clear_pointer (&item->changes, g_ptr_array_unref);
  g_free (item->manager_employee_id);
  g_free (item);
}

static void
hc_plan_finalize (GObject *object)
{
  HcPlan *self = HC_PLAN (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_free (self->confirmation_reason);

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
}

static HcPlanItem *
add_item (HcPlan     *self,
          HcPlanKind  kind)
{
  HcPlanItem *item = g_new0 (HcPlanItem, 1);

  item->kind = kind;
  g_ptr_array_add (self->items, item);
  self->counts[kind]++;
  return item;
}

static void
add_change (HcPlanItem *item,
            const char *field,
            const char *before,
            const char *after)
{
  HcFieldChange *change = g_new0 (HcFieldChange, 1);

  if (item->changes == NULL)
    item->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_field_change_free);
  change->field = g_strdup (field);
  change->before = g_strdup (before);
  change->after = g_strdup (after);
  g_ptr_array_add (item->changes, change);
}

static char *
email_key (const char *email)
{
  g_autofree char *trimmed = NULL;

  if (email == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (email));
  if (*trimmed == '\0')
    return NULL;
  if (g_str_is_ascii (trimmed))
    return g_ascii_strdown (trimmed, -1);
  return g_utf8_casefold (trimmed, -1);
}

typedef struct _PlanContext PlanContext;

struct _PlanContext
{
  const HcConfig *config;
  gint64          connector_id;
  GHashTable     *scope;          /* employee id → HcScopeResult + 1 */
  GHashTable     *employees;      /* employee id → HcEmployee (first of an id) */
  GHashTable     *members_by_id;  /* gint64* → HcMember */
  GHashTable     *by_external;    /* external id → HcMember (this connector first) */
  GHashTable     *by_email;       /* folded e-mail → HcMember */
  GHashTable     *claimed;        /* HcMember → employee id */
  GHashTable     *will_exist;     /* employee ids that have a member after apply */
  GHashTable     *foreign_emails; /* folded e-mails of members another connector manages */
  GHashTable     *emails;         /* HcEmployee → mapped e-mail (resolved once) */
  GHashTable     *email_keys;     /* HcEmployee → folded e-mail */
};

/* The e-mail the mapping gives an employee, and its folded key; NULL for none. */
static const char *
employee_email (PlanContext *ctx,
                HcEmployee  *employee)
{
  return g_hash_table_lookup (ctx->emails, employee);
}

static char *
employee_email_key (PlanContext *ctx,
                    HcEmployee  *employee)
{
  return g_strdup (g_hash_table_lookup (ctx->email_keys, employee));
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
      g_autofree char *key = email_key (hc_member_get_email (m));
      gint64 *id = g_new (gint64, 1);

      *id = hc_member_get_id (m);
      g_hash_table_insert (ctx->members_by_id, id, m);

      if (!is_candidate (ctx, m))
        {
          if (key != NULL)
            g_hash_table_add (ctx->foreign_emails, g_steal_pointer (&key));
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
            g_hash_table_insert (ctx->by_email, g_steal_pointer (&key), m);
        }
    }
}

static HcMember *
find_member (PlanContext *ctx,
             HcEmployee  *employee)
{
  HcMember *m = g_hash_table_lookup (ctx->by_external, hc_employee_get_id (employee));
  g_autofree char *key = NULL;

  if (m != NULL && !g_hash_table_contains (ctx->claimed, m))
    return m;

  key = employee_email_key (ctx, employee);
  if (key == NULL)
    return NULL;
  m = g_hash_table_lookup (ctx->by_email, key);
  if (m != NULL && !g_hash_table_contains (ctx->claimed, m))
    {
      /* A member already tied to another employee is not this one. */
      const char *ext = hc_member_get_external_id (m);

      if (ext != NULL && hc_member_get_connector_id (m) == ctx->connector_id &&
          !g_str_equal (ext, hc_employee_get_id (employee)) &&
          g_hash_table_contains (ctx->employees, ext))
        return NULL;
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

/* Fills the field changes of @item from @employee against @member (NULL
 * for a member to create). */
static void
diff_fields (HcPlan      *self,
             PlanContext *ctx,
             HcPlanItem  *item,
             HcEmployee  *employee,
             HcMember    *member)
{
  const char *manager_source = hc_mapping_get_source (ctx->config, HC_MEMBER_FIELD_MANAGER);

  for (guint i = 0; i < G_N_ELEMENTS (text_targets); i++)
    {
      g_autofree char *after = NULL;
      const char *before;

      if (hc_mapping_get_source (ctx->config, text_targets[i]) == NULL)
        continue;
      after = hc_mapping_resolve (ctx->config, employee, text_targets[i]);
      before = member ? hc_member_get_field (member, text_targets[i]) : NULL;
      if (g_strcmp0 (before, after) != 0)
        add_change (item, text_targets[i], before, after);
    }

  for (guint i = 0; i < ctx->config->mapping->len; i++)
    {
      HcMappingEntry *e = g_ptr_array_index (ctx->config->mapping, i);
      g_autofree char *after = NULL;
      const char *before;

      if (!g_str_has_prefix (e->target, "custom."))
        continue;
      after = hc_mapping_resolve (ctx->config, employee, e->target);
      before = member ? hc_member_get_field (member, e->target) : NULL;
      if (g_strcmp0 (before, after) != 0)
        add_change (item, e->target, before, after);
    }

  /* The external id is the match key (rule 5): always the HR id. */
  if (member == NULL || g_strcmp0 (hc_member_get_external_id (member), hc_employee_get_id (employee)) != 0)
    add_change (item, HC_MEMBER_FIELD_EMPLOYEE_ID,
                member ? hc_member_get_external_id (member) : NULL,
                hc_employee_get_id (employee));

  if (manager_source != NULL)
    {
      g_autofree char *manager_id = hc_mapping_resolve (ctx->config, employee, HC_MEMBER_FIELD_MANAGER);
      const char *current_ext = NULL;
      HcMember *current = NULL;

      if (manager_id != NULL && g_str_equal (manager_id, hc_employee_get_id (employee)))
        g_clear_pointer (&manager_id, g_free);  /* one's own manager: ignore */

      if (manager_id != NULL && !g_hash_table_contains (ctx->will_exist, manager_id))
        {
          g_autofree char *who = hc_employee_dup_display_name (employee);
          g_autofree char *boss = manager_display (ctx, manager_id);

          g_ptr_array_add (self->warnings,
                           g_strdup_printf (_("The manager of %s (%s) is not in the scope: the member will have no manager"),
                                            who, boss ? boss : manager_id));
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

      item->manager_employee_id = g_strdup (manager_id);
      if (g_strcmp0 (current_ext, manager_id) != 0)
        {
          g_autofree char *after = manager_display (ctx, manager_id);
          const char *before = member ? hc_member_get_manager_name (member) : NULL;

          if (before == NULL && current != NULL)
            before = hc_member_get_display_name (current);
          add_change (item, HC_MEMBER_FIELD_MANAGER, before, after ? after : manager_id);
        }
    }

  if (member != NULL)
    {
      const char *email = employee_email (ctx, employee);

      if (hc_member_get_state (member) == HC_MEMBER_STATE_ARCHIVED)
        add_change (item, "state", "archived",
                    email && !hc_member_get_has_access (member) ? "invited" : "active");
      if (!hc_member_get_has_access (member) && email != NULL)
        add_change (item, "access", "no", "yes");
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

static const char *
skip_reason (HcScopeResult r,
             HcEmployee   *employee)
{
  switch (r)
    {
    case HC_SCOPE_OUT_STATUS:
      return hc_employee_get_status (employee) == HC_EMPLOYEE_STATUS_INACTIVE
             ? _("Inactive in the HR system")
             : _("HR status not in scope");
    case HC_SCOPE_OUT_EXCLUDED:
      return _("Excluded by the exclusion checkbox");
    case HC_SCOPE_OUT_FILTER:
    default:
      return _("Filtered out");
    }
}

static void
plan_employees (HcPlan      *self,
                PlanContext *ctx,
                GPtrArray   *employees)
{
  g_autoptr(GPtrArray) in_scope = g_ptr_array_new ();
  g_autoptr(GHashTable) seen_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) matched = g_hash_table_new (NULL, NULL);  /* HcEmployee → HcMember */
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  /* Pass 1: in-scope employees, one per id. */
  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);
      const char *id = hc_employee_get_id (e);

      if (!g_hash_table_add (seen_ids, (gpointer) id))
        {
          HcPlanItem *item = add_item (self, HC_PLAN_SKIP);

          set_identity (item, e, NULL, ctx);
          item->reason = g_strdup (_("Duplicate employee id in the HR data"));
          continue;
        }
      if (HC_SCOPE_RESULT_IS_IN (scope_of (ctx, id)))
        g_ptr_array_add (in_scope, e);
    }

  /* Pass 2: matches by employee id first, so a duplicate e-mail never
   * steals the member an employee already owns. */
  for (guint i = 0; i < in_scope->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (in_scope, i);
      HcMember *m = g_hash_table_lookup (ctx->by_external, hc_employee_get_id (e));

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
        g_autofree char *key = NULL;

        if ((pass == 0) != g_hash_table_contains (matched, e))
          continue;
        key = employee_email_key (ctx, e);
        if (key != NULL && g_hash_table_contains (emails, key))
          {
            HcPlanItem *item = add_item (self, HC_PLAN_SKIP);
            g_autofree char *who = hc_employee_dup_display_name (e);

            set_identity (item, e, NULL, ctx);
            item->reason = g_strdup (_("Duplicate e-mail: another employee in scope has the same address"));
            g_ptr_array_add (self->warnings,
                             g_strdup_printf (_("%s shares the e-mail %s with another employee: skipped"),
                                              who, item->email));
            if (g_hash_table_contains (matched, e))
              {
                g_hash_table_remove (ctx->claimed, g_hash_table_lookup (matched, e));
                g_hash_table_remove (matched, e);
              }
            continue;
          }
        if (key != NULL)
          g_hash_table_add (emails, g_steal_pointer (&key));
        g_ptr_array_add (order, e);
        g_hash_table_add (ctx->will_exist, (gpointer) hc_employee_get_id (e));
      }

  /* Pass 3: the items, in the HR system's order. */
  for (guint i = 0; i < in_scope->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (in_scope, i);
      HcMember *m;
      HcPlanItem *item;
      HcPlanKind kind;
      const char *email;

      if (!g_hash_table_contains (ctx->will_exist, hc_employee_get_id (e)))
        continue;

      m = g_hash_table_lookup (matched, e);
      if (m == NULL)
        {
          m = find_member (ctx, e);
          if (m != NULL)
            g_hash_table_insert (ctx->claimed, m, (gpointer) hc_employee_get_id (e));
        }

      email = employee_email (ctx, e);
      if (m == NULL && email != NULL)
        {
          g_autofree char *key = email_key (email);

          if (g_hash_table_contains (ctx->foreign_emails, key))
            {
              item = add_item (self, HC_PLAN_SKIP);
              set_identity (item, e, NULL, ctx);
              item->reason = g_strdup (_("The e-mail belongs to a member another connector manages"));
              g_hash_table_remove (ctx->will_exist, hc_employee_get_id (e));
              continue;
            }
        }
      item = g_new0 (HcPlanItem, 1);
      diff_fields (self, ctx, item, e, m);

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
      g_ptr_array_add (self->items, item);
      self->counts[kind]++;
      set_identity (item, e, m, ctx);
      if (kind == HC_PLAN_CREATE_NO_ACCESS)
        item->reason = g_strdup (_("No e-mail in the HR system: created without access"));
    }

  /* Out-of-scope employees, for the preview's "skipped" list. */
  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);
      HcScopeResult r = scope_of (ctx, hc_employee_get_id (e));
      HcMember *m = g_hash_table_lookup (ctx->by_external, hc_employee_get_id (e));
      HcPlanItem *item;

      if (HC_SCOPE_RESULT_IS_IN (r) || g_hash_table_lookup (ctx->employees, hc_employee_get_id (e)) != e)
        continue;
      /* a managed member of theirs is handled below */
      if (m != NULL && hc_member_get_connector_id (m) == ctx->connector_id &&
          hc_member_get_hr_status (m) == HC_HR_STATUS_MANAGED)
        continue;
      item = add_item (self, HC_PLAN_SKIP);
      set_identity (item, e, NULL, ctx);
      item->reason = g_strdup (skip_reason (r, e));
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

      if (hc_member_get_connector_id (m) != ctx->connector_id ||
          hc_member_get_hr_status (m) != HC_HR_STATUS_MANAGED ||
          hc_member_get_state (m) == HC_MEMBER_STATE_ARCHIVED ||
          g_hash_table_contains (ctx->claimed, m))
        continue;

      e = ext ? g_hash_table_lookup (ctx->employees, ext) : NULL;
      /* Rule 9: inactive or gone → archive if asked, else previously
       * managed. Rule 8: out of the filter → previously managed. */
      gone = e == NULL || hc_employee_get_status (e) == HC_EMPLOYEE_STATUS_INACTIVE;
      item = add_item (self, gone && ctx->config->archive_inactive ? HC_PLAN_ARCHIVE : HC_PLAN_UNMANAGE);
      set_identity (item, NULL, m, ctx);
      if (e != NULL)
        {
          g_free (item->display_name);
          item->display_name = hc_employee_dup_display_name (e);
        }

      if (e == NULL)
        item->reason = g_strdup (_("No longer in the HR system"));
      else if (HC_SCOPE_RESULT_IS_IN (scope_of (ctx, ext)))
        item->reason = g_strdup (_("Skipped in HR data (duplicate e-mail)"));
      else
        item->reason = g_strdup (skip_reason (scope_of (ctx, ext), e));

      if (item->kind == HC_PLAN_ARCHIVE)
        add_change (item, "state", hc_member_state_to_string (hc_member_get_state (m)), "archived");
      else
        add_change (item, "hr_status", "managed", "previously_managed");
    }
}

/* "This is the first sync of this connector: it will invite 265 members
 * and create 8 members without access." — non-zero counts only. */
static char *
describe_first_sync (HcPlan *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
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
  if ((n = self->counts[HC_PLAN_ARCHIVE]))
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

HcPlan *
hc_plan_compute (const HcConfig *config,
                 gint64          connector_id,
                 GPtrArray      *employees,
                 GPtrArray      *members,
                 gboolean        first_sync)
{
  g_autoptr(HcPlan) self = NULL;
  PlanContext ctx = { 0 };
  guint managed = 0;
  guint archives;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (employees != NULL, NULL);
  g_return_val_if_fail (members != NULL, NULL);

  self = g_object_new (HC_TYPE_PLAN, NULL);
  self->connector_id = connector_id;
  self->first_sync = first_sync;

  ctx.config = config;
  ctx.connector_id = connector_id;
  ctx.scope = hc_scope_evaluate_all (config, employees);
  ctx.employees = g_hash_table_new (g_str_hash, g_str_equal);
  ctx.members_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  ctx.by_external = g_hash_table_new (g_str_hash, g_str_equal);
  ctx.by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx.claimed = g_hash_table_new (NULL, NULL);
  ctx.will_exist = g_hash_table_new (g_str_hash, g_str_equal);
  ctx.foreign_emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx.emails = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  ctx.email_keys = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  for (guint i = 0; i < employees->len; i++)
    {
      HcEmployee *e = g_ptr_array_index (employees, i);

      char *email = hc_mapping_resolve (config, e, HC_MEMBER_FIELD_EMAIL);

      if (!g_hash_table_contains (ctx.employees, hc_employee_get_id (e)))
        g_hash_table_insert (ctx.employees, (gpointer) hc_employee_get_id (e), e);
      if (email != NULL)
        {
          g_hash_table_insert (ctx.email_keys, e, email_key (email));
          g_hash_table_insert (ctx.emails, e, email);
        }
    }
  index_members (&ctx, members);

  plan_employees (self, &ctx, employees);
  plan_leavers (self, &ctx, members);

  for (guint i = 0; i < members->len; i++)
    {
      HcMember *m = g_ptr_array_index (members, i);

      if (hc_member_get_connector_id (m) == connector_id &&
          hc_member_get_hr_status (m) == HC_HR_STATUS_MANAGED &&
          hc_member_get_state (m) != HC_MEMBER_STATE_ARCHIVED)
        managed++;
    }

  /* Rule 12: threshold = max (5, percent of managed members) */
  self->archive_threshold = MAX (5u, (guint) ceil (managed * config->safety_threshold_percent / 100.0));
  archives = self->counts[HC_PLAN_ARCHIVE];

  if (first_sync)
    self->confirmation_reason = describe_first_sync (self);
  else if (archives > self->archive_threshold)
    self->confirmation_reason =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "This sync would archive %u member, more than the safety threshold of %u.",
                                    "This sync would archive %u members, more than the safety threshold of %u.", archives),
                       archives, self->archive_threshold);

  g_hash_table_unref (ctx.scope);
  g_hash_table_unref (ctx.employees);
  g_hash_table_unref (ctx.members_by_id);
  g_hash_table_unref (ctx.by_external);
  g_hash_table_unref (ctx.by_email);
  g_hash_table_unref (ctx.claimed);
  g_hash_table_unref (ctx.will_exist);
  g_hash_table_unref (ctx.foreign_emails);
  g_hash_table_unref (ctx.emails);
  g_hash_table_unref (ctx.email_keys);

  return g_steal_pointer (&self);
}

GPtrArray *
hc_plan_get_items (HcPlan *self)
{
  g_return_val_if_fail (HC_IS_PLAN (self), NULL);
  return self->items;
}

guint
hc_plan_count (HcPlan     *self,
               HcPlanKind  kind)
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
hc_plan_is_empty (HcPlan *self)
{
  g_return_val_if_fail (HC_IS_PLAN (self), TRUE);

  for (HcPlanKind k = 0; k < HC_PLAN_N_KINDS; k++)
    if (k != HC_PLAN_SKIP && k != HC_PLAN_UNCHANGED && self->counts[k] > 0)
      return FALSE;
  return TRUE;
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

static void
add_nullable (JsonBuilder *builder,
              const char  *name,
              const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
hc_plan_to_json (HcPlan      *self,
                 JsonBuilder *builder,
                 gboolean     with_items)
{
  g_return_if_fail (HC_IS_PLAN (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "connector_id");
  json_builder_add_int_value (builder, self->connector_id);
  json_builder_set_member_name (builder, "first_sync");
  json_builder_add_boolean_value (builder, self->first_sync);
  json_builder_set_member_name (builder, "needs_confirmation");
  json_builder_add_boolean_value (builder, hc_plan_needs_confirmation (self));
  add_nullable (builder, "confirmation_reason", self->confirmation_reason);
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

  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->warnings, i));
  json_builder_end_array (builder);

  if (with_items)
    {
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->items->len; i++)
        {
          HcPlanItem *item = g_ptr_array_index (self->items, i);

          if (item->kind == HC_PLAN_UNCHANGED)
            continue;
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, kind_names[item->kind]);
          add_nullable (builder, "employee_id", item->employee_id);
          json_builder_set_member_name (builder, "member_id");
          if (item->member_id)
            json_builder_add_int_value (builder, item->member_id);
          else
            json_builder_add_null_value (builder);
          add_nullable (builder, "name", item->display_name);
          add_nullable (builder, "email", item->email);
          add_nullable (builder, "reason", item->reason);
          json_builder_set_member_name (builder, "changes");
          json_builder_begin_array (builder);
          for (guint j = 0; item->changes && j < item->changes->len; j++)
            {
              HcFieldChange *c = g_ptr_array_index (item->changes, j);

              json_builder_begin_object (builder);
              add_nullable (builder, "field", c->field);
              add_nullable (builder, "before", c->before);
              add_nullable (builder, "after", c->after);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
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
    case HC_PLAN_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}
