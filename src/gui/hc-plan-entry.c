/* hc-plan-entry.c — one line of the preview: a plan item, an upcoming hire or a warning
 *
 * The preview lists up to every employee of the HR system: an entry is a
 * small wrapper around what the plan already holds, and its search text is
 * built the first time the search asks for it.
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "hc-plan-entry"

#include "config.h"

#include <glib/gi18n.h>

#include "hc-group-path.h"
#include "hc-member.h"
#include "hc-plan-entry.h"

struct _HcPlanEntry
{
  GObject         parent_instance;

  HcPlan         *plan;
  HcPlanCategory  category;
  HcPlanItem     *item;           /* owned by the plan */
  HcPlanUpcoming *upcoming;       /* owned by the plan */
  const char     *warning;        /* owned by the plan */
  HcGroupChange  *group_change;   /* owned by the plan's group plan */
  char           *group_title;    /* a group change's group, "Paris / Engineering" */
  char           *subtitle;
  char           *search_text;
  char           *query;
  char           *fallback_query;
  HcExplanation  *explanation;
};

G_DEFINE_FINAL_TYPE (HcPlanEntry, hc_plan_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_APPROVED,
  PROP_EXPLANATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hc_plan_entry_finalize (GObject *object)
{
  HcPlanEntry *self = HC_PLAN_ENTRY (object);

  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->fallback_query, g_free);
  g_clear_pointer (&self->group_title, g_free);
  g_clear_pointer (&self->explanation, hc_explanation_free);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (hc_plan_entry_parent_class)->finalize (object);
}

static void
hc_plan_entry_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HcPlanEntry *self = HC_PLAN_ENTRY (object);

  switch (prop_id)
    {
    case PROP_APPROVED:
      g_value_set_boolean (value, hc_plan_entry_get_approved (self));
      break;

    case PROP_EXPLANATION:
      g_value_set_pointer (value, self->explanation);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hc_plan_entry_class_init (HcPlanEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hc_plan_entry_finalize;
  object_class->get_property = hc_plan_entry_get_property;

  properties[PROP_APPROVED] =
    g_param_spec_boolean ("approved", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EXPLANATION] =
    g_param_spec_pointer ("explanation", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hc_plan_entry_init (HcPlanEntry *self)
{
}

static HcPlanEntry *
entry_new (HcPlan        *plan,
           HcPlanCategory category)
{
  HcPlanEntry *self = g_object_new (HC_TYPE_PLAN_ENTRY, NULL);

  self->plan = g_object_ref (plan);
  self->category = category;

  return self;
}

HcPlanEntry *
hc_plan_entry_new_item (HcPlan     *plan,
                        HcPlanItem *item)
{
  HcPlanEntry *self;

  g_return_val_if_fail (HC_IS_PLAN (plan), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  self = entry_new (plan, (HcPlanCategory) item->kind);
  self->item = item;

  return self;
}

HcPlanEntry *
hc_plan_entry_new_upcoming (HcPlan         *plan,
                            HcPlanUpcoming *upcoming)
{
  HcPlanEntry *self;

  g_return_val_if_fail (HC_IS_PLAN (plan), NULL);
  g_return_val_if_fail (upcoming != NULL, NULL);

  self = entry_new (plan, HC_PLAN_CATEGORY_UPCOMING);
  self->upcoming = upcoming;

  return self;
}

HcPlanEntry *
hc_plan_entry_new_warning (HcPlan     *plan,
                           const char *warning)
{
  HcPlanEntry *self;

  g_return_val_if_fail (HC_IS_PLAN (plan), NULL);
  g_return_val_if_fail (warning != NULL, NULL);

  self = entry_new (plan, HC_PLAN_CATEGORY_WARNINGS);
  self->warning = warning;

  return self;
}

/* "Paris / Engineering" for "Paris/Engineering". (transfer full) */
static char *
dup_group_label (const char *path)
{
  g_auto (GStrv) names = path != NULL ? hc_group_path_parse (path, NULL) : NULL;

  if (names == NULL)
    return g_strdup (path != NULL ? path : "");
  /* Translators: the separator of a group under its parent, "Paris / Engineering" */
  return g_strjoinv (C_("group path separator", " / "), names);
}

/* What happens, in a sentence: the line under the name. (transfer full) */
static char *
describe_group_change (const HcGroupChange *change)
{
  g_autofree char *group = dup_group_label (change->path);
  g_autofree char *text = NULL;

  switch (change->kind)
    {
    case HC_GROUP_CHANGE_JOIN:
      /* Translators: a group, "Paris / Engineering" */
      text = g_strdup_printf (_("Joins “%s”"), group);
      break;
    case HC_GROUP_CHANGE_LEAVE:
      text = g_strdup_printf (change->leaving
                              /* Translators: a group; the member leaves the connector's scope */
                              ? _("Leaves “%s”: out of scope")
                              /* Translators: a group */
                              : _("Leaves “%s”"), group);
      break;
    case HC_GROUP_CHANGE_ROLE_ADD:
      /* Translators: a role, "Backend Engineer" */
      text = g_strdup_printf (_("Gets the role “%s”"), change->name);
      break;
    case HC_GROUP_CHANGE_ROLE_REMOVE:
      /* Translators: a role */
      text = g_strdup_printf (_("Loses the role “%s”"), change->name);
      break;
    case HC_GROUP_CHANGE_CREATE:
      return g_strdup (_("New group, made from the HR data"));
    case HC_GROUP_CHANGE_RESTORE:
      return g_strdup (_("Archived group, back in use: people returned to it"));
    case HC_GROUP_CHANGE_ARCHIVE:
      return g_strdup (_("Group from HR left empty: archived, not deleted"));
    case HC_GROUP_CHANGE_ROLE_CREATE:
      return g_strdup (_("New role, for a position seen the first time"));
    case HC_GROUP_CHANGE_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
  if (change->rule == NULL || *change->rule == '\0')
    return g_steal_pointer (&text);
  /* Translators: a change, then the rule that makes it, "Joins “Paris” · hierarchy office=Paris" */
  return g_strdup_printf (_("%s · %s"), text, change->rule);
}

HcPlanEntry *
hc_plan_entry_new_group_change (HcPlan        *plan,
                                HcGroupChange *change)
{
  HcPlanEntry *self;

  g_return_val_if_fail (HC_IS_PLAN (plan), NULL);
  g_return_val_if_fail (change != NULL, NULL);

  self = entry_new (plan, HC_PLAN_CATEGORY_GROUPS);
  self->group_change = change;
  self->subtitle = describe_group_change (change);

  return self;
}

HcGroupChange *
hc_plan_entry_get_group_change (HcPlanEntry *self)
{
  g_return_val_if_fail (HC_IS_PLAN_ENTRY (self), NULL);

  return self->group_change;
}

HcPlanCategory
hc_plan_entry_get_category (HcPlanEntry *self)
{
  g_return_val_if_fail (HC_IS_PLAN_ENTRY (self), HC_PLAN_CATEGORY_WARNINGS);

  return self->category;
}

HcPlanItem *
hc_plan_entry_get_item (HcPlanEntry *self)
{
  g_return_val_if_fail (HC_IS_PLAN_ENTRY (self), NULL);

  return self->item;
}

HcPlanUpcoming *
hc_plan_entry_get_upcoming (HcPlanEntry *self)
{
  g_return_val_if_fail (HC_IS_PLAN_ENTRY (self), NULL);

  return self->upcoming;
}

static const char *
get_employee_id (HcPlanEntry *self)
{
  if (self->item != NULL)
    return self->item->employee_id;
  if (self->upcoming != NULL)
    return self->upcoming->employee_id;
  if (self->group_change != NULL)
    return self->group_change->employee_id;
  return NULL;
}

static const char *
get_email (HcPlanEntry *self)
{
  if (self->item != NULL)
    return self->item->email;
  if (self->upcoming != NULL)
    return self->upcoming->email;
  return NULL;
}

const char *
hc_plan_entry_get_title (HcPlanEntry *self)
{
  const char *name = NULL;

  g_return_val_if_fail (HC_IS_PLAN_ENTRY (self), NULL);

  if (self->warning != NULL)
    return self->warning;
  if (self->group_change != NULL)
    {
      HcGroupChange *change = self->group_change;

      if (change->kind == HC_GROUP_CHANGE_CREATE || change->kind == HC_GROUP_CHANGE_RESTORE ||
          change->kind == HC_GROUP_CHANGE_ARCHIVE)
        {
          if (self->group_title == NULL)
            self->group_title = dup_group_label (change->path);
          return self->group_title;
        }
      if (change->kind == HC_GROUP_CHANGE_ROLE_CREATE)
        return change->name;
      name = change->display_name;
    }
  else if (self->item != NULL)
    name = self->item->display_name;
  else if (self->upcoming != NULL)
    name = self->upcoming->display_name;

  if (name != NULL && *name != '\0')
    return name;
  if (get_email (self) != NULL)
    return get_email (self);
  if (get_employee_id (self) != NULL)
    return get_employee_id (self);

  return _("Unnamed employee");
}

const char *
hc_plan_entry_get_subtitle (HcPlanEntry *self)
{
  const char *email, *id;

  g_return_val_if_fail (HC_IS_PLAN_ENTRY (self), NULL);

  if (self->subtitle != NULL || self->warning != NULL)
    return self->subtitle;

  email = get_email (self);
  id = get_employee_id (self);

  if (email != NULL && id != NULL)
    /* Translators: an e-mail and an HR employee id, "ada@example.com · E0012" */
    self->subtitle = g_strdup_printf (_("%s · %s"), email, id);
  else if (email != NULL)
    self->subtitle = g_strdup (email);
  else if (id != NULL)
    /* Translators: %s is an HR employee id; the person has no e-mail */
    self->subtitle = g_strdup_printf (_("No e-mail · %s"), id);

  return self->subtitle;
}

const char *
hc_plan_entry_get_search_text (HcPlanEntry *self)
{
  g_autoptr (GString) text = NULL;
  const char *parts[4];

  g_return_val_if_fail (HC_IS_PLAN_ENTRY (self), "");

  if (self->search_text != NULL)
    return self->search_text;

  parts[0] = hc_plan_entry_get_title (self);
  parts[1] = get_email (self);
  parts[2] = get_employee_id (self);
  parts[3] = self->item != NULL ? self->item->reason : self->group_change != NULL ? self->subtitle : NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL)
      {
        g_string_append (text, parts[i]);
        g_string_append_c (text, '\n');
      }

  self->search_text = hc_member_fold_search_text (text->str);

  return self->search_text;
}

const char *
hc_plan_entry_get_query (HcPlanEntry *self)
{
  g_return_val_if_fail (HC_IS_PLAN_ENTRY (self), NULL);

  if (self->query == NULL && self->warning == NULL)
    {
      const char *id = get_employee_id (self);

      if (id != NULL)
        self->query = g_strdup (id);
      else if (self->item != NULL && self->item->member_id != 0)
        self->query = g_strdup_printf ("#%" G_GINT64_FORMAT, self->item->member_id);
      else if (get_email (self) != NULL)
        self->query = g_strdup (get_email (self));
    }

  return self->query;
}

const char *
hc_plan_entry_get_fallback_query (HcPlanEntry *self)
{
  g_return_val_if_fail (HC_IS_PLAN_ENTRY (self), NULL);

  if (self->fallback_query == NULL && self->item != NULL && self->item->member_id != 0)
    self->fallback_query = g_strdup_printf ("#%" G_GINT64_FORMAT, self->item->member_id);

  return self->fallback_query;
}

gboolean
hc_plan_entry_get_approved (HcPlanEntry *self)
{
  g_return_val_if_fail (HC_IS_PLAN_ENTRY (self), FALSE);

  return self->item != NULL && self->item->kind == HC_PLAN_ARCHIVE && !self->item->staged;
}

void
hc_plan_entry_notify_approved (HcPlanEntry *self)
{
  g_return_if_fail (HC_IS_PLAN_ENTRY (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPROVED]);
}

const HcExplanation *
hc_plan_entry_get_explanation (HcPlanEntry *self)
{
  g_return_val_if_fail (HC_IS_PLAN_ENTRY (self), NULL);

  return self->explanation;
}

void
hc_plan_entry_set_explanation (HcPlanEntry   *self,
                               HcExplanation *explanation)
{
  g_return_if_fail (HC_IS_PLAN_ENTRY (self));

  if (self->explanation == explanation)
    return;

  g_clear_pointer (&self->explanation, hc_explanation_free);
  self->explanation = explanation;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPLANATION]);
}

const char *
hc_plan_category_describe (HcPlanCategory category)
{
  switch (category)
    {
    case HC_PLAN_CATEGORY_INVITE:
      return _("New invitations");
    case HC_PLAN_CATEGORY_CREATE_NO_ACCESS:
      return _("Without access");
    case HC_PLAN_CATEGORY_BECOME_MANAGED:
      return _("Become managed");
    case HC_PLAN_CATEGORY_UPDATE:
      return _("Updates");
    case HC_PLAN_CATEGORY_ARCHIVE:
      return _("Archives");
    case HC_PLAN_CATEGORY_UNMANAGE:
      return _("No longer managed");
    case HC_PLAN_CATEGORY_SKIP:
      return _("Skipped");
    case HC_PLAN_CATEGORY_UNCHANGED:
      return _("Unchanged");
    case HC_PLAN_CATEGORY_REMOVE:
      return _("Removed");
    case HC_PLAN_CATEGORY_WARNINGS:
      return _("Warnings");
    case HC_PLAN_CATEGORY_UPCOMING:
      return _("Upcoming hires");
    case HC_PLAN_CATEGORY_GROUPS:
      return _("Groups and roles");
    case HC_PLAN_N_CATEGORIES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
hc_plan_category_get_icon (HcPlanCategory category)
{
  switch (category)
    {
    case HC_PLAN_CATEGORY_INVITE:
      return "mail-send-symbolic";
    case HC_PLAN_CATEGORY_CREATE_NO_ACCESS:
      return "changes-prevent-symbolic";
    case HC_PLAN_CATEGORY_BECOME_MANAGED:
      return "emblem-ok-symbolic";
    case HC_PLAN_CATEGORY_UPDATE:
      return "document-edit-symbolic";
    case HC_PLAN_CATEGORY_ARCHIVE:
      return "package-x-generic-symbolic";
    case HC_PLAN_CATEGORY_UNMANAGE:
      return "dialog-warning-symbolic";
    case HC_PLAN_CATEGORY_SKIP:
      return "action-unavailable-symbolic";
    case HC_PLAN_CATEGORY_UNCHANGED:
      return "object-select-symbolic";
    case HC_PLAN_CATEGORY_REMOVE:
      return "user-trash-symbolic";
    case HC_PLAN_CATEGORY_WARNINGS:
      return "dialog-information-symbolic";
    case HC_PLAN_CATEGORY_UPCOMING:
      return "x-office-calendar-symbolic";
    case HC_PLAN_CATEGORY_GROUPS:
      return "network-workgroup-symbolic";
    case HC_PLAN_N_CATEGORIES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
hc_plan_category_get_style (HcPlanCategory category)
{
  switch (category)
    {
    case HC_PLAN_CATEGORY_BECOME_MANAGED:
      return "success";
    case HC_PLAN_CATEGORY_UNMANAGE:
      /* rules.md 11: orange warning for previously managed */
      return "warning";
    case HC_PLAN_CATEGORY_ARCHIVE:
    case HC_PLAN_CATEGORY_REMOVE:
      return "error";
    default:
      return NULL;
    }
}

const char *
hc_plan_category_to_string (HcPlanCategory category)
{
  if (category < (HcPlanCategory) HC_PLAN_N_KINDS)
    return hc_plan_kind_to_string ((HcPlanKind) category);

  switch (category)
    {
    case HC_PLAN_CATEGORY_WARNINGS:
      return "warnings";
    case HC_PLAN_CATEGORY_UPCOMING:
      return "upcoming";
    case HC_PLAN_CATEGORY_GROUPS:
      return "groups";
    default:
      g_return_val_if_reached (NULL);
    }
}
