/* hc-group-plan.c — what a sync changes in groups and roles (rules.md 36–39)
 *
 * Made after the member plan, from its decisions: the members it keeps
 * managed get the groups and the role their HR values give; the members
 * it lets go (archived, no longer managed) lose what this connector's
 * syncs gave them. Nothing given by hand is ever taken back, and no group
 * or role made by hand is changed.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-group-plan"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hc-group-path.h"
#include "hc-group-placement.h"
#include "hc-group-plan.h"
#include "hc-groups.h"
#include "hc-json.h"

/* The rules a membership or role records start with these words. */
#define RULE_TEAMS    "teams"
#define RULE_POSITION "position"

struct _HcGroupPlan
{
  GObject           parent_instance;

  GPtrArray        *changes;    /* of HcGroupChange*, in applying order */
  /* The changes themselves, by blocks (add_change()) */
  GPtrArray        *blocks;
  guint             block_used;
  /* The changes' strings, one after another in blocks, rather than
   * four allocations more for each of 100,000 joins. */
  GStringChunk     *strings;
  GPtrArray        *warnings;   /* of char* */
  guint             counts[HC_GROUP_CHANGE_N_KINDS];
  GHashTable       *explanations; /* employee id → GPtrArray of char* */
  /* The inputs, for explanations */
  HcConfig         *config;
  GPtrArray        *items;
  gint64            connector_id;
  GPtrArray        *employees;
  GPtrArray        *groups;
  GArray           *memberships;
  GPtrArray        *roles;
  GArray           *member_roles;
  /* What the changes' rules and role names point into */
  HcGroupPlacement *placement;
  GHashTable       *positions;
};

G_DEFINE_FINAL_TYPE (HcGroupPlan, hc_group_plan, G_TYPE_OBJECT)

static const char * const kind_names[HC_GROUP_CHANGE_N_KINDS] = {
  HC_RUN_CHANGE_GROUP_CREATE, HC_RUN_CHANGE_GROUP_RESTORE, HC_RUN_CHANGE_ROLE_CREATE, HC_RUN_CHANGE_GROUP_JOIN,
  HC_RUN_CHANGE_GROUP_LEAVE, HC_RUN_CHANGE_ROLE_ADD, HC_RUN_CHANGE_ROLE_REMOVE, HC_RUN_CHANGE_GROUP_ARCHIVE,
};

static void
hc_group_plan_finalize (GObject *object)
{
  HcGroupPlan *self = HC_GROUP_PLAN (object);

  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->explanations, g_hash_table_unref);
  g_clear_pointer (&self->config, hc_config_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->employees, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->memberships, g_array_unref);
  g_clear_pointer (&self->roles, g_ptr_array_unref);
  g_clear_pointer (&self->member_roles, g_array_unref);
  g_clear_object (&self->placement);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  G_OBJECT_CLASS (hc_group_plan_parent_class)->finalize (object);
}

static void
hc_group_plan_class_init (HcGroupPlanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hc_group_plan_finalize;
}

static void
hc_group_plan_init (HcGroupPlan *self)
{
  self->changes = g_ptr_array_new ();
  self->blocks = g_ptr_array_new_with_free_func (g_free);
  self->strings = g_string_chunk_new (64 * 1024);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->explanations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);
}

const char *
hc_group_change_kind_to_string (HcGroupChangeKind kind)
{
  g_return_val_if_fail (kind < HC_GROUP_CHANGE_N_KINDS, NULL);
  return kind_names[kind];
}

const char *
hc_group_change_kind_describe (HcGroupChangeKind kind)
{
  switch (kind)
    {
    case HC_GROUP_CHANGE_CREATE:
      return _("Groups created from HR");
    case HC_GROUP_CHANGE_RESTORE:
      return _("Groups back from the archive");
    case HC_GROUP_CHANGE_ROLE_CREATE:
      return _("Roles created from positions");
    case HC_GROUP_CHANGE_JOIN:
      return _("Added to groups");
    case HC_GROUP_CHANGE_LEAVE:
      return _("Removed from groups");
    case HC_GROUP_CHANGE_ROLE_ADD:
      return _("Roles given");
    case HC_GROUP_CHANGE_ROLE_REMOVE:
      return _("Roles taken back");
    case HC_GROUP_CHANGE_ARCHIVE:
      return _("Groups archived");
    case HC_GROUP_CHANGE_N_KINDS:
    default:
      return "";
    }
}

/* ─── computing ─────────────────────────────────────────────────────── */

/* A list of memberships or roles held, by member (see by_member_init()). */
typedef struct
{
  const guint8 *rows;
  gsize         row_size;
  gsize         member_offset;
  gsize         object_offset;  /* the group's or role's id: the order within a member */
  guint         len;
  guint        *order;          /* row numbers, by member then object */
  gint64        base;           /* dense: the first member id */
  guint         n_ids;
  guint        *start;          /* dense: n_ids + 1 places in order */
  GHashTable   *sparse;         /* else: member id → its first place in order + 1 */
} ByMember;

struct _HcGroupPlanInputs
{
  GPtrArray        *groups;
  GArray           *memberships;
  GPtrArray        *roles;
  GArray           *member_roles;
  /* hc_group_plan_inputs_place(): for the employees of @placed_for */
  GPtrArray        *placed_for;
  HcGroupPlacement *placement;    /* NULL when no placement is made */
  HcPlacedValues  **placed;       /* each employee's combination, or NULL */
  const char      **positions;    /* each employee's position, one pointer per
                                   * distinct value (in a record), or NULL */
};

/* What a position gives (rules.md 39), worked out once per HR value. */
typedef struct
{
  char       *position;         /* trimmed, NULL when empty */
  gint64      role_id;          /* 0 for none */
  const char *name;
  char       *rule;
} PositionRole;

static void
position_role_free (PositionRole *p)
{
  g_free (p->position);
  g_free (p->rule);
  g_free (p);
}

typedef struct
{
  HcGroupPlan       *self;
  const HcConfig    *config;
  gint64             connector_id;
  GHashTable        *groups_by_id;  /* gint64* → HcGroup* */
  GHashTable        *children;      /* "parent:key" → HcGroup* (archived ones too), for teams */
  GHashTable        *counts;        /* group id → its direct members after the plan, as gint64 */
  GHashTable        *roles_by_key;  /* name key → HcRole* */
  GHashTable        *roles_by_id;
  ByMember           memberships;   /* of HcGroupMembership */
  ByMember           held_roles;    /* of HcMemberRole */
  GHashTable        *employees_by_id; /* made when the items leave the HR order */
  guint              next_employee; /* the employee the next item most likely has */
  GHashTable        *positions;     /* raw HR value → PositionRole*, each value once */
  guint              roles_field;   /* hc_employee_field_id () of the position's field */
  GHashTable        *new_groups;    /* "parent:key" → HcGroupChange* (CREATE) */
  GHashTable        *new_roles;     /* key → HcGroupChange* (ROLE_CREATE) */
  GHashTable        *restored;      /* group ids restored */
  GPtrArray         *by_kind[HC_GROUP_CHANGE_N_KINDS];
  HcGroupPlacement  *placement;     /* NULL when no placement is made */
  gboolean           teams;         /* create from HR is on and its parent exists */
  gint64             teams_parent;
  char              *teams_parent_path;
  gint64             next_id;       /* the next negative id */
  const char        *explain_for;   /* the employee to explain, or NULL */
  HcGroupPlanInputs *placed;        /* placed ahead for these employees, or NULL */
  GHashTable        *positions_seen; /* a position's one pointer → PositionRole* */
  gboolean           counting;      /* this connector made groups: members counted */
} Compute;

static gint64
row_member (const ByMember *index,
            guint           row)
{
  return *(const gint64 *) (index->rows + row * index->row_size + index->member_offset);
}

static gint64
row_object (const ByMember *index,
            guint           row)
{
  return *(const gint64 *) (index->rows + row * index->row_size + index->object_offset);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const ByMember *index = data;
  guint ra = *(const guint *) a, rb = *(const guint *) b;
  gint64 ma = row_member (index, ra), mb = row_member (index, rb);
  gint64 oa, ob;

  if (ma != mb)
    return ma < mb ? -1 : 1;
  oa = row_object (index, ra);
  ob = row_object (index, rb);
  return oa < ob ? -1 : oa > ob;
}

/* Indexes @rows (in any order) by member. Member ids are SQLite rowids,
 * dense in practice: a counting sort into an array by id then, with no
 * hash table nor sort of 100,000 rows; else a sort and a hash table. */
static void
by_member_init (ByMember *index,
                GArray   *rows,
                gsize     member_offset,
                gsize     object_offset)
{
  gint64 lo = G_MAXINT64, hi = G_MININT64;

  memset (index, 0, sizeof *index);
  index->rows = (const guint8 *) rows->data;
  index->row_size = g_array_get_element_size (rows);
  index->member_offset = member_offset;
  index->object_offset = object_offset;
  index->len = rows->len;
  index->order = g_new (guint, MAX (rows->len, 1));
  for (guint i = 0; i < rows->len; i++)
    {
      gint64 id = row_member (index, i);

      lo = MIN (lo, id);
      hi = MAX (hi, id);
    }
  if (rows->len > 0 && lo > 0 && hi - lo < (gint64) rows->len * 4 + 1024)
    {
      g_autofree guint *fill = NULL;

      index->base = lo;
      index->n_ids = (guint) (hi - lo + 1);
      index->start = g_new0 (guint, index->n_ids + 1);
      for (guint i = 0; i < rows->len; i++)
        index->start[row_member (index, i) - lo + 1]++;
      for (guint k = 1; k <= index->n_ids; k++)
        index->start[k] += index->start[k - 1];
      fill = g_memdup2 (index->start, index->n_ids * sizeof (guint));
      for (guint i = 0; i < rows->len; i++)
        index->order[fill[row_member (index, i) - lo]++] = i;
      /* each member's few rows by object, as a sort would give them */
      for (guint k = 0; k < index->n_ids; k++)
        for (guint i = index->start[k] + 1; i < index->start[k + 1]; i++)
          for (guint j = i; j > index->start[k] && compare_rows (&index->order[j - 1], &index->order[j], index) > 0;
               j--)
            {
              guint t = index->order[j];

              index->order[j] = index->order[j - 1];
              index->order[j - 1] = t;
            }
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    index->order[i] = i;
  g_qsort_with_data (index->order, rows->len, sizeof (guint), compare_rows, index);
  index->sparse = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < rows->len; i++)
    if (i == 0 || row_member (index, index->order[i - 1]) != row_member (index, index->order[i]))
      g_hash_table_insert (index->sparse,
                           (gpointer) (index->rows + index->order[i] * index->row_size + member_offset),
                           GUINT_TO_POINTER (i + 1));
}

static void
by_member_clear (ByMember *index)
{
  g_clear_pointer (&index->order, g_free);
  g_clear_pointer (&index->start, g_free);
  g_clear_pointer (&index->sparse, g_hash_table_unref);
}

/* A member's memberships or roles: their run in the index. */
typedef struct
{
  const ByMember *index;
  guint           first;
  guint           len;
} Span;

static Span
span_of (const ByMember *index,
         gint64          member_id)
{
  Span span = { index, 0, 0 };

  if (member_id == 0)
    return span;
  if (index->start != NULL)
    {
      if (member_id >= index->base && member_id - index->base < index->n_ids)
        {
          guint k = (guint) (member_id - index->base);

          span.first = index->start[k];
          span.len = index->start[k + 1] - span.first;
        }
      return span;
    }
  span.first = GPOINTER_TO_UINT (g_hash_table_lookup (index->sparse, &member_id));
  if (span.first-- == 0)
    return span;
  while (span.first + span.len < index->len && row_member (index, index->order[span.first + span.len]) == member_id)
    span.len++;
  return span;
}

static gconstpointer
span_row (Span  span,
          guint i)
{
  return span.index->rows + span.index->order[span.first + i] * span.index->row_size;
}

#define SPAN_MEMBERSHIP(span, i) ((const HcGroupMembership *) span_row ((span), (i)))
#define SPAN_ROLE(span, i)       ((const HcMemberRole *) span_row ((span), (i)))

/* A first sync joins 100,000 members and gives as many roles: the
 * changes are allocated by blocks, not one by one; the blocks double from
 * 16 changes to 1,024, for the plans that change a few. */
static guint
block_size (guint block)
{
  return 16u << MIN (block, 6);
}

static HcGroupChange *
add_change (Compute          *c,
            HcGroupChangeKind kind)
{
  HcGroupPlan *self = c->self;
  HcGroupChange *change;

  if (self->blocks->len == 0 || self->block_used == block_size (self->blocks->len - 1))
    {
      g_ptr_array_add (self->blocks, g_new (HcGroupChange, block_size (self->blocks->len)));
      self->block_used = 0;
    }
  change = (HcGroupChange *) g_ptr_array_index (self->blocks, self->blocks->len - 1) + self->block_used++;
  memset (change, 0, sizeof *change);

  change->kind = kind;
  g_ptr_array_add (c->by_kind[kind], change);
  return change;
}

/* A copy of @text that the group plan keeps as long as its changes. (A
 * path or rule that many share was tried once each, found by hashing:
 * slower than copying it.) */
static char *
keep (Compute    *c,
      const char *text)
{
  return text != NULL ? g_string_chunk_insert (c->self->strings, text) : NULL;
}

static void
explain (Compute    *c,
         const char *employee_id,
         char       *sentence)
{
  GPtrArray *lines = g_hash_table_lookup (c->self->explanations, employee_id);

  if (lines == NULL)
    {
      lines = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (c->self->explanations, g_strdup (employee_id), lines);
    }
  g_ptr_array_add (lines, sentence);
}

static char *
child_key (gint64      parent_id,
           const char *name)
{
  g_autofree char *key = hc_group_name_key (name);

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%s", parent_id, key);
}

static void
count_add (Compute *c,
           gint64   group_id,
           int      delta)
{
  gint64 n;
  HcGroup *group;

  /* only archive_emptied() reads them, for groups this connector made */
  if (!c->counting)
    return;
  n = GPOINTER_TO_SIZE (g_hash_table_lookup (c->counts, &group_id)) + delta;
  group = g_hash_table_lookup (c->groups_by_id, &group_id);

  if (group != NULL)
    g_hash_table_insert (c->counts, &group->id, GSIZE_TO_POINTER ((gsize) MAX (n, 0)));
}

static const char *
group_path (Compute *c,
            gint64   group_id)
{
  HcGroup *group = g_hash_table_lookup (c->groups_by_id, &group_id);

  return group ? group->path : "";
}

/* The team group for @names under the teams' parent: found (restored when
 * archived) or created, level by level. Sets *@path. */
static gint64
team_group (Compute            *c,
            const char * const *names,
            const char        **path)
{
  gint64 parent = c->teams_parent;
  const char *parent_path = c->teams_parent_path;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *key = child_key (parent, names[i]);
      HcGroup *group = parent >= 0 ? g_hash_table_lookup (c->children, key) : NULL;
      HcGroupChange *created;

      if (group != NULL)
        {
          if (group->archived && g_hash_table_add (c->restored, &group->id))
            {
              HcGroupChange *restore = add_change (c, HC_GROUP_CHANGE_RESTORE);

              restore->group_id = group->id;
              restore->path = keep (c, group->path);
            }
          parent = group->id;
          parent_path = group->path;
          continue;
        }
      created = g_hash_table_lookup (c->new_groups, key);
      if (created == NULL)
        {
          g_autofree char *escaped = hc_group_path_escape (names[i]);
          g_autofree char *path = parent_path ? g_strconcat (parent_path, "/", escaped, NULL) : NULL;

          created = add_change (c, HC_GROUP_CHANGE_CREATE);
          created->group_id = --c->next_id;
          created->parent_id = parent;
          created->name = keep (c, names[i]);
          created->path = keep (c, path != NULL ? path : escaped);
          g_hash_table_insert (c->new_groups, g_steal_pointer (&key), created);
        }
      parent = created->group_id;
      parent_path = created->path;
    }
  *path = parent_path;
  return parent;
}

static gboolean
is_team_rule (const char *rule)
{
  return rule != NULL && g_str_has_prefix (rule, RULE_TEAMS);
}

static gboolean
is_mine (Compute      *c,
         const char   *employee_id,
         gint64        connector_id,
         HcGroupOrigin added_by)
{
  return added_by == HC_GROUP_ORIGIN_HR && connector_id == c->connector_id;
}

/* A member's change. Its strings are not copied: @item's are the plan's
 * items', which the group plan keeps; @path, @rule (and a role's @name)
 * must be the tree's, the memberships' or roles', the placement's, the
 * positions', or kept (keep()): each lives as long as the group plan.
 * 100,000 joins would otherwise copy four strings each. */
static void
add_member_change (Compute          *c,
                   HcGroupChangeKind kind,
                   HcPlanItem       *item,
                   gint64            group_id,
                   const char       *path,
                   const char       *rule,
                   gboolean          leaving)
{
  HcGroupChange *change = add_change (c, kind);

  change->member_id = item->member_id;
  change->employee_id = item->employee_id;
  change->display_name = item->display_name;
  change->group_id = group_id;
  change->path = (char *) path;
  change->rule = (char *) rule;
  change->leaving = leaving;
  if (group_id != 0)
    count_add (c, group_id, kind == HC_GROUP_CHANGE_JOIN ? 1 : -1);
}

static void
add_role_change (Compute          *c,
                 HcGroupChangeKind kind,
                 HcPlanItem       *item,
                 gint64            role_id,
                 const char       *name,
                 const char       *rule,
                 gboolean          leaving)
{
  HcGroupChange *change = add_change (c, kind);

  change->member_id = item->member_id;
  change->employee_id = item->employee_id;
  change->display_name = item->display_name;
  change->role_id = role_id;
  change->name = (char *) name;
  change->rule = (char *) rule;
  change->leaving = leaving;
}

/* The role of a position (rules.md 39): the mapping's, else one of the
 * position's own name, found or created. 0 for none. */
static gint64
position_role (Compute     *c,
               const char  *position,
               const char **name)
{
  const HcRoleMapping *line = hc_config_find_role_mapping (c->config, position);
  const char *role_name = line ? line->role : position;
  g_autofree char *key = NULL;
  HcRole *role;
  HcGroupChange *created;

  *name = NULL;
  if (role_name == NULL)
    return 0;
  key = hc_group_name_key (role_name);
  role = g_hash_table_lookup (c->roles_by_key, key);
  if (role != NULL)
    {
      *name = role->name;
      return role->id;
    }
  created = g_hash_table_lookup (c->new_roles, key);
  if (created == NULL)
    {
      created = add_change (c, HC_GROUP_CHANGE_ROLE_CREATE);
      created->role_id = --c->next_id;
      created->name = keep (c, role_name);
      g_hash_table_insert (c->new_roles, g_steal_pointer (&key), created);
    }
  *name = created->name;
  return created->role_id;
}

/* The role an HR value of the position gives, worked out (trimmed, looked
 * up in the mapping, found or created) once per distinct value: 100,000
 * members share a few hundred positions. */
static const PositionRole *
position_of (Compute    *c,
             const char *value)
{
  PositionRole *p = g_hash_table_lookup (c->positions, value);

  if (p == NULL)
    {
      p = g_new0 (PositionRole, 1);
      p->position = g_strstrip (g_strdup (value));
      if (*p->position == '\0')
        g_clear_pointer (&p->position, g_free);
      else if ((p->role_id = position_role (c, p->position, &p->name)) != 0)
        p->rule = g_strdup_printf (RULE_POSITION " %s", p->position);
      g_hash_table_insert (c->positions, g_strdup (value), p);
    }
  return p;
}

/* The role @employee's position gives, or NULL when they have none: from
 * the position read ahead (one pointer per distinct value) when there is
 * one, without reading the record again. */
static const PositionRole *
position_held (Compute    *c,
               HcEmployee *employee,
               guint       index)
{
  const char *value;
  PositionRole *p;

  if (c->placed == NULL || c->placed->positions == NULL)
    {
      value = hc_employee_get_field_by_id (employee, c->roles_field);
      return value != NULL ? position_of (c, value) : NULL;
    }
  value = c->placed->positions[index];
  if (value == NULL)
    return NULL;
  p = g_hash_table_lookup (c->positions_seen, value);
  if (p == NULL)
    {
      p = (PositionRole *) position_of (c, value);
      g_hash_table_insert (c->positions_seen, (gpointer) value, p);
    }
  return p;
}

static const char *
role_name (Compute *c,
           gint64   role_id)
{
  HcRole *role = g_hash_table_lookup (c->roles_by_id, &role_id);

  return role ? role->name : "";
}

/* Explanations are for one employee at a time (hc_group_plan_explain()):
 * a plan of 100,000 members writes none. */
static gboolean
wants_explanation (Compute    *c,
                   const char *employee_id)
{
  return c->explain_for != NULL && g_strcmp0 (c->explain_for, employee_id) == 0;
}

/* "teams office=Paris, team=Blue" */
static char *
teams_rule (Compute *c,
            GStrv    names)
{
  GString *rule = g_string_new (RULE_TEAMS);

  for (guint i = 0; names[i] != NULL; i++)
    g_string_append_printf (rule, "%s%s=%s", i ? ", " : " ",
                            (const char *) g_ptr_array_index (c->config->teams_from, i), names[i]);
  return g_string_free (rule, FALSE);
}

/* A member the plan keeps managed: the groups and role their values give. */
static void
place_member (Compute    *c,
              HcPlanItem *item,
              HcEmployee *employee,
              guint       index)
{
  HcPlacedValues *placed = c->placement != NULL && c->placed != NULL && c->placed->placed != NULL
                               ? c->placed->placed[index]
                               : NULL;
  Span mine = span_of (&c->memberships, item->member_id);
  Span held = span_of (&c->held_roles, item->member_id);
  gint64 targets[2] = { 0, 0 };
  const char *paths[2] = { NULL, NULL };
  g_auto (GStrv) names = NULL;
  gboolean explaining = wants_explanation (c, item->employee_id);

  if (c->placement != NULL)
    {
      HcGroup *group = placed != NULL ? hc_placed_values_get_group (placed)
                                      : hc_group_placement_place (c->placement, employee, NULL);

      if (group != NULL)
        {
          targets[0] = group->id;
          paths[0] = group->path;
        }
      if (explaining)
        {
          HcPlacement placement;

          hc_group_placement_place (c->placement, employee, &placement);
          explain (c, item->employee_id, hc_group_placement_describe (c->placement, &placement));
          hc_placement_clear (&placement);
        }
    }
  if (c->teams)
    {
      names = hc_group_placement_team_names (c->config, employee);
      if (names != NULL)
        targets[1] = team_group (c, (const char * const *) names, &paths[1]);
      if (explaining && names != NULL)
        {
          g_autofree char *rule = teams_rule (c, names);

          /* Translators: the group Teams/Blue, made and kept from teams team=Blue */
          explain (c, item->employee_id, g_strdup_printf (_("In %s, kept from HR (%s)"), paths[1], rule));
        }
      else if (explaining)
        explain (c, item->employee_id,
                 g_strdup_printf (_("No %s in the HR data: in no group made from HR"),
                                  (const char *) g_ptr_array_index (c->config->teams_from, 0)));
    }

  /* Leaves: what this connector's syncs gave that the values no longer
   * give, for the parts that are on. */
  for (guint i = 0; i < mine.len; i++)
    {
      const HcGroupMembership *m = SPAN_MEMBERSHIP (mine, i);
      guint part = is_team_rule (m->rule) ? 1 : 0;

      if (!is_mine (c, item->employee_id, m->connector_id, m->added_by))
        continue;
      if ((part == 0 && c->placement == NULL) || (part == 1 && !c->teams))
        continue;
      if (m->group_id == targets[0] || m->group_id == targets[1])
        continue;
      add_member_change (c, HC_GROUP_CHANGE_LEAVE, item, m->group_id, group_path (c, m->group_id), m->rule, FALSE);
    }
  /* Joins: a group the member is not in yet, by any origin. */
  for (guint part = 0; part < 2; part++)
    {
      gboolean already = FALSE;

      if (targets[part] == 0 || (part == 1 && targets[1] == targets[0]))
        continue;
      for (guint i = 0; i < mine.len; i++)
        already |= SPAN_MEMBERSHIP (mine, i)->group_id == targets[part];
      if (!already)
        {
          g_autofree char *team_rule = NULL;
          const char *rule;

          /* The rule, worked out for joins only, once per combination. */
          if (part == 0 && placed != NULL)
            rule = hc_group_placement_get_placed_rule (c->placement, placed);
          else if (part == 0)
            rule = hc_group_placement_get_rule (c->placement, employee);
          else
            rule = keep (c, team_rule = teams_rule (c, names));
          add_member_change (c, HC_GROUP_CHANGE_JOIN, item, targets[part], paths[part], rule, FALSE);
        }
    }

  if (c->config->roles_from != NULL)
    {
      const PositionRole *given = position_held (c, employee, index);
      gint64 role_id = given != NULL ? given->role_id : 0;
      gboolean already = FALSE;

      if (explaining && role_id != 0)
        /* Translators: Role “Engineer”, from the position “Developer” */
        explain (c, item->employee_id, g_strdup_printf (_("Role “%s”, from the position “%s”"), given->name,
                                                        given->position));
      else if (explaining && given != NULL && given->position != NULL)
        explain (c, item->employee_id, g_strdup_printf (_("The position “%s” gives no role"), given->position));
      for (guint i = 0; i < held.len; i++)
        {
          const HcMemberRole *r = SPAN_ROLE (held, i);

          if (r->role_id == role_id)
            already = TRUE;
          else if (is_mine (c, item->employee_id, r->connector_id, r->added_by))
            add_role_change (c, HC_GROUP_CHANGE_ROLE_REMOVE, item, r->role_id, role_name (c, r->role_id), r->rule,
                             FALSE);
        }
      if (role_id != 0 && !already)
        add_role_change (c, HC_GROUP_CHANGE_ROLE_ADD, item, role_id, given->name, given->rule, FALSE);
    }
}

/* A member the plan lets go: what this connector's syncs gave goes. */
static void
release_member (Compute    *c,
                HcPlanItem *item)
{
  Span mine = span_of (&c->memberships, item->member_id);
  Span held = span_of (&c->held_roles, item->member_id);

  for (guint i = 0; i < mine.len; i++)
    {
      const HcGroupMembership *m = SPAN_MEMBERSHIP (mine, i);

      if (is_mine (c, item->employee_id, m->connector_id, m->added_by))
        add_member_change (c, HC_GROUP_CHANGE_LEAVE, item, m->group_id, group_path (c, m->group_id), m->rule, TRUE);
    }
  for (guint i = 0; i < held.len; i++)
    {
      const HcMemberRole *r = SPAN_ROLE (held, i);

      if (is_mine (c, item->employee_id, r->connector_id, r->added_by))
        add_role_change (c, HC_GROUP_CHANGE_ROLE_REMOVE, item, r->role_id, role_name (c, r->role_id), r->rule, TRUE);
    }
}

static int
compare_depth_desc (gconstpointer a,
                    gconstpointer b)
{
  const HcGroup *ga = *(HcGroup * const *) a;
  const HcGroup *gb = *(HcGroup * const *) b;

  return ga->depth < gb->depth ? 1 : ga->depth > gb->depth ? -1 : 0;
}

/* rules.md 37: a group this connector made from HR that nobody is in any
 * more, with nothing live under it, is archived (never deleted). */
static void
archive_emptied (Compute   *c,
                 GPtrArray *groups)
{
  g_autoptr (GPtrArray) deepest = g_ptr_array_new ();
  g_autoptr (GHashTable) live_children = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < groups->len; i++)
    g_ptr_array_add (deepest, g_ptr_array_index (groups, i));
  g_ptr_array_sort (deepest, compare_depth_desc);

  for (guint i = 0; i < deepest->len; i++)
    {
      HcGroup *group = g_ptr_array_index (deepest, i);
      gsize n = GPOINTER_TO_SIZE (g_hash_table_lookup (c->counts, &group->id));
      gboolean live = !group->archived || g_hash_table_contains (c->restored, &group->id);
      gboolean archive = live && group->origin == HC_GROUP_ORIGIN_HR && group->connector_id == c->connector_id &&
                         n == 0 && !g_hash_table_contains (live_children, &group->id);

      if (archive)
        {
          HcGroupChange *change = add_change (c, HC_GROUP_CHANGE_ARCHIVE);

          change->group_id = group->id;
          change->path = keep (c, group->path);
        }
      else if (live && group->parent_id != 0)
        g_hash_table_add (live_children, &((HcGroup *) g_hash_table_lookup (c->groups_by_id, &group->parent_id))->id);
    }
}

static void
index_store (Compute   *c,
             GPtrArray *groups,
             GArray    *memberships,
             GPtrArray *roles,
             GArray    *member_roles)
{
  gboolean made_from_hr = FALSE;

  for (guint i = 0; i < groups->len; i++)
    {
      HcGroup *group = g_ptr_array_index (groups, i);

      g_hash_table_insert (c->groups_by_id, &group->id, group);
      g_hash_table_insert (c->counts, &group->id, GSIZE_TO_POINTER (0));
      made_from_hr |= group->origin == HC_GROUP_ORIGIN_HR && group->connector_id == c->connector_id;
    }
  /* Each group's own members, from the memberships rather than the
   * groups' n_direct (hc_groups_list_full() leaves it 0 for a plan): only
   * archive_emptied() reads them, for the groups this connector made. */
  c->counting = made_from_hr;
  for (guint i = 0; made_from_hr && i < memberships->len; i++)
    count_add (c, g_array_index (memberships, HcGroupMembership, i).group_id, 1);
  by_member_init (&c->memberships, memberships, G_STRUCT_OFFSET (HcGroupMembership, member_id),
                  G_STRUCT_OFFSET (HcGroupMembership, group_id));
  for (guint i = 0; i < roles->len; i++)
    {
      HcRole *role = g_ptr_array_index (roles, i);

      g_hash_table_insert (c->roles_by_key, hc_group_name_key (role->name), role);
      g_hash_table_insert (c->roles_by_id, &role->id, role);
    }
  by_member_init (&c->held_roles, member_roles, G_STRUCT_OFFSET (HcMemberRole, member_id),
                  G_STRUCT_OFFSET (HcMemberRole, role_id));
}

/* How far employee_of() looks ahead in the HR order: past the employees
 * that have no item to place (out of scope, skipped). */
#define EMPLOYEE_LOOKAHEAD 64

/* The place in @employees of @item's employee: one of the next few in
 * the HR order, where the plan's items are; a lookup by id otherwise.
 * G_MAXUINT when there is none. */
static guint
employee_of (Compute    *c,
             GPtrArray  *employees,
             HcPlanItem *item)
{
  gpointer found;

  if (item->employee_id == NULL)
    return G_MAXUINT;
  for (guint i = c->next_employee; i < employees->len && i - c->next_employee < EMPLOYEE_LOOKAHEAD; i++)
    {
      HcEmployee *employee = g_ptr_array_index (employees, i);

      if (g_str_equal (hc_employee_get_id (employee), item->employee_id))
        {
          c->next_employee = i + 1;
          return i;
        }
    }
  if (c->employees_by_id == NULL)
    {
      c->employees_by_id = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < employees->len; i++)
        {
          HcEmployee *employee = g_ptr_array_index (employees, i);

          /* the first record of an id, the one the plan syncs */
          if (!g_hash_table_contains (c->employees_by_id, hc_employee_get_id (employee)))
            g_hash_table_insert (c->employees_by_id, (gpointer) hc_employee_get_id (employee),
                                 GUINT_TO_POINTER (i + 1));
        }
    }
  found = g_hash_table_lookup (c->employees_by_id, item->employee_id);
  return found != NULL ? GPOINTER_TO_UINT (found) - 1 : G_MAXUINT;
}

/* How far ahead in the HR order the records are asked for: 100,000 of
 * them do not stay in the processor's caches between the member plan and
 * this one, and each one read costs a trip to memory otherwise. */
#define PREFETCH_DISTANCE 8

static inline void
prefetch_ahead (Compute   *c,
                GPtrArray *items,
                GPtrArray *employees,
                guint      i)
{
#ifdef __GNUC__
  guint e = c->next_employee;

  if (i + 2 * PREFETCH_DISTANCE < items->len)
    __builtin_prefetch (g_ptr_array_index (items, i + 2 * PREFETCH_DISTANCE));
  if (i + PREFETCH_DISTANCE < items->len)
    __builtin_prefetch (((HcPlanItem *) g_ptr_array_index (items, i + PREFETCH_DISTANCE))->employee_id);
  if (e + 2 * PREFETCH_DISTANCE < employees->len)
    __builtin_prefetch (g_ptr_array_index (employees, e + 2 * PREFETCH_DISTANCE));
  if (e + PREFETCH_DISTANCE < employees->len)
    hc_employee_prefetch (g_ptr_array_index (employees, e + PREFETCH_DISTANCE));
#endif
}

static HcGroupPlan *
compute (const HcConfig    *config,
         GPtrArray         *items,
         gint64             connector_id,
         GPtrArray         *employees,
         GPtrArray         *groups,
         GArray            *memberships,
         GPtrArray         *roles,
         GArray            *member_roles,
         HcGroupPlanInputs *placed,
         const char        *explain_for)
{
  g_autoptr (HcGroupPlan) self = g_object_new (HC_TYPE_GROUP_PLAN, NULL);
  Compute c = { 0, };

  c.self = self;
  c.config = config;
  c.connector_id = connector_id;
  c.explain_for = explain_for;
  c.groups_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  c.children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.counts = g_hash_table_new (g_int64_hash, g_int64_equal);
  c.roles_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.roles_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  c.positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) position_role_free);
  c.new_groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.new_roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.restored = g_hash_table_new (g_int64_hash, g_int64_equal);
  c.positions_seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  /* placed ahead only for these very employees */
  if (placed != NULL && placed->placed_for == employees)
    c.placed = placed;
  if (config->roles_from != NULL)
    c.roles_field = hc_employee_field_id (config->roles_from);
  for (guint k = 0; k < HC_GROUP_CHANGE_N_KINDS; k++)
    c.by_kind[k] = g_ptr_array_new ();
  index_store (&c, groups, memberships, roles, member_roles);

  if (config->group_mode != HC_GROUP_MODE_NONE)
    {
      c.placement = c.placed != NULL && c.placed->placement != NULL ? g_object_ref (c.placed->placement)
                                                                    : hc_group_placement_new (config, groups);
      if (hc_group_placement_get_problem (c.placement) != NULL)
        {
          g_ptr_array_add (self->warnings, g_strdup (hc_group_placement_get_problem (c.placement)));
          g_clear_object (&c.placement);
        }
    }
  if (config->teams_from->len > 0)
    {
      HcGroup *parent = NULL;

      c.teams = TRUE;
      if (config->teams_parent != NULL)
        {
          parent = hc_groups_find (groups, config->teams_parent, NULL);
          if (parent == NULL || parent->archived)
            {
              c.teams = FALSE;
              g_ptr_array_add (self->warnings,
                               g_strdup_printf (_("The group “%s” that groups from HR go under does not exist "
                                                  "(or is archived): no groups from HR"), config->teams_parent));
            }
        }
      if (parent != NULL)
        {
          c.teams_parent = parent->id;
          c.teams_parent_path = parent->path;
        }
    }
  /* Groups from HR are found by (parent, name key), archived ones too. */
  for (guint i = 0; c.teams && i < groups->len; i++)
    {
      HcGroup *group = g_ptr_array_index (groups, i);

      g_hash_table_insert (c.children, child_key (group->parent_id, group->name), group);
    }

  for (guint i = 0; i < items->len; i++)
    {
      HcPlanItem *item = g_ptr_array_index (items, i);
      guint index;

      prefetch_ahead (&c, items, employees, i);
      switch (item->kind)
        {
        case HC_PLAN_INVITE:
        case HC_PLAN_CREATE_NO_ACCESS:
        case HC_PLAN_BECOME_MANAGED:
        case HC_PLAN_UPDATE:
        case HC_PLAN_UNCHANGED:
          /* only these need the employee: a skip's or a departure's
           * would send employee_of() to its lookup by id */
          if ((index = employee_of (&c, employees, item)) != G_MAXUINT)
            place_member (&c, item, g_ptr_array_index (employees, index), index);
          break;
        case HC_PLAN_ARCHIVE:
        case HC_PLAN_UNMANAGE:
          if (item->member_id != 0)
            release_member (&c, item);
          break;
        case HC_PLAN_SKIP:
        case HC_PLAN_N_KINDS:
        default:
          break;
        }
    }
  archive_emptied (&c, groups);

  for (guint k = 0; k < HC_GROUP_CHANGE_N_KINDS; k++)
    {
      self->counts[k] = c.by_kind[k]->len;
      for (guint i = 0; i < c.by_kind[k]->len; i++)
        g_ptr_array_add (self->changes, g_ptr_array_index (c.by_kind[k], i));
      g_ptr_array_unref (c.by_kind[k]);
    }

  /* the changes' rules and role names are theirs */
  self->placement = g_steal_pointer (&c.placement);
  self->positions = g_steal_pointer (&c.positions);
  g_hash_table_unref (c.groups_by_id);
  g_hash_table_unref (c.children);
  g_hash_table_unref (c.counts);
  g_hash_table_unref (c.roles_by_key);
  g_hash_table_unref (c.roles_by_id);
  by_member_clear (&c.memberships);
  by_member_clear (&c.held_roles);
  g_clear_pointer (&c.employees_by_id, g_hash_table_unref);
  g_hash_table_unref (c.new_groups);
  g_hash_table_unref (c.new_roles);
  g_hash_table_unref (c.restored);
  g_hash_table_unref (c.positions_seen);
  return g_steal_pointer (&self);
}

static HcGroupPlan *
compute_for_plan (const HcConfig    *config,
                  HcPlan            *plan,
                  GPtrArray         *employees,
                  GPtrArray         *groups,
                  GArray            *memberships,
                  GPtrArray         *roles,
                  GArray            *member_roles,
                  HcGroupPlanInputs *placed)
{
  HcGroupPlan *self;

  self = compute (config, hc_plan_get_items (plan), hc_plan_get_connector_id (plan), employees, groups,
                  memberships, roles, member_roles, placed, NULL);
  /* What hc_group_plan_explain() works one employee out again from. */
  self->config = hc_config_copy (config);
  self->items = g_ptr_array_ref (hc_plan_get_items (plan));
  self->connector_id = hc_plan_get_connector_id (plan);
  self->employees = g_ptr_array_ref (employees);
  self->groups = g_ptr_array_ref (groups);
  self->memberships = g_array_ref (memberships);
  self->roles = g_ptr_array_ref (roles);
  self->member_roles = g_array_ref (member_roles);
  return self;
}

HcGroupPlan *
hc_group_plan_compute (const HcConfig *config,
                       HcPlan         *plan,
                       GPtrArray      *employees,
                       GPtrArray      *groups,
                       GArray         *memberships,
                       GPtrArray      *roles,
                       GArray         *member_roles)
{
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (HC_IS_PLAN (plan), NULL);
  g_return_val_if_fail (employees != NULL && groups != NULL && memberships != NULL, NULL);
  g_return_val_if_fail (roles != NULL && member_roles != NULL, NULL);

  return compute_for_plan (config, plan, employees, groups, memberships, roles, member_roles, NULL);
}

void
hc_group_plan_inputs_free (HcGroupPlanInputs *inputs)
{
  if (inputs == NULL)
    return;
  g_clear_pointer (&inputs->groups, g_ptr_array_unref);
  g_clear_pointer (&inputs->memberships, g_array_unref);
  g_clear_pointer (&inputs->roles, g_ptr_array_unref);
  g_clear_pointer (&inputs->member_roles, g_array_unref);
  g_clear_pointer (&inputs->placed_for, g_ptr_array_unref);
  g_clear_object (&inputs->placement);
  g_free (inputs->placed);
  g_free (inputs->positions);
  g_free (inputs);
}

HcGroupPlanInputs *
hc_group_plan_inputs_read (HcStore *store,
                           GError **error)
{
  g_autoptr (HcGroupPlanInputs) inputs = g_new0 (HcGroupPlanInputs, 1);

  g_return_val_if_fail (HC_IS_STORE (store), NULL);

  if ((inputs->groups = hc_groups_list_full (store, FALSE, error)) == NULL ||
      (inputs->memberships = hc_store_scan_group_memberships (store, error)) == NULL ||
      (inputs->roles = hc_store_list_roles_full (store, FALSE, error)) == NULL ||
      (inputs->member_roles = hc_store_scan_member_roles (store, error)) == NULL)
    return NULL;
  return g_steal_pointer (&inputs);
}

void
hc_group_plan_inputs_place (HcGroupPlanInputs *inputs,
                            const HcConfig    *config,
                            GPtrArray         *employees)
{
  g_return_if_fail (inputs != NULL && inputs->groups != NULL);
  g_return_if_fail (config != NULL && employees != NULL);

  g_clear_pointer (&inputs->placed_for, g_ptr_array_unref);
  g_clear_object (&inputs->placement);
  g_clear_pointer (&inputs->placed, g_free);
  g_clear_pointer (&inputs->positions, g_free);
  if (config->group_mode != HC_GROUP_MODE_NONE)
    {
      inputs->placement = hc_group_placement_new (config, inputs->groups);
      inputs->placed = hc_group_placement_place_each (inputs->placement, employees);
    }
  if (config->roles_from != NULL)
    {
      g_autoptr (GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
      guint field = hc_employee_field_id (config->roles_from);

      inputs->positions = g_new (const char *, MAX (employees->len, 1));
      for (guint i = 0; i < employees->len; i++)
        {
          const char *value = hc_employee_get_field_by_id (g_ptr_array_index (employees, i), field);
          const char *first = NULL;

          /* one pointer per distinct value: the plan finds each position's
           * role by pointer, without hashing the value again */
          if (value != NULL && !g_hash_table_lookup_extended (distinct, value, (gpointer *) &first, NULL))
            {
              g_hash_table_add (distinct, (gpointer) value);
              first = value;
            }
          inputs->positions[i] = first;
        }
    }
  inputs->placed_for = g_ptr_array_ref (employees);
}

void
hc_group_plan_attach_inputs (HcPlan            *plan,
                             const HcConfig    *config,
                             GPtrArray         *employees,
                             HcGroupPlanInputs *inputs)
{
  g_autoptr (HcGroupPlan) self = NULL;

  g_return_if_fail (HC_IS_PLAN (plan));
  g_return_if_fail (inputs != NULL);

  self = compute_for_plan (config, plan, employees, inputs->groups, inputs->memberships, inputs->roles,
                           inputs->member_roles, inputs);
  if (!hc_group_plan_is_empty (self) || self->warnings->len > 0)
    hc_plan_set_group_plan (plan, self);
}

gboolean
hc_group_plan_attach (HcPlan         *plan,
                      const HcConfig *config,
                      GPtrArray      *employees,
                      HcStore        *store,
                      GError        **error)
{
  g_autoptr (HcGroupPlanInputs) inputs = NULL;

  g_return_val_if_fail (HC_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (HC_IS_STORE (store), FALSE);

  inputs = hc_group_plan_inputs_read (store, error);
  if (inputs == NULL)
    return FALSE;
  hc_group_plan_attach_inputs (plan, config, employees, inputs);
  return TRUE;
}

/* ─── reading ───────────────────────────────────────────────────────── */

static const char *
connector_name (GPtrArray *connectors,
                gint64     id)
{
  for (guint i = 0; i < connectors->len; i++)
    {
      HcConnectorInfo *info = g_ptr_array_index (connectors, i);

      if (info->id == id)
        return info->name;
    }
  return "—";
}

GPtrArray *
hc_group_plan_get_changes (HcGroupPlan *self)
{
  g_return_val_if_fail (HC_IS_GROUP_PLAN (self), NULL);
  return self->changes;
}

guint
hc_group_plan_count (HcGroupPlan      *self,
                     HcGroupChangeKind kind)
{
  g_return_val_if_fail (HC_IS_GROUP_PLAN (self), 0);
  g_return_val_if_fail (kind < HC_GROUP_CHANGE_N_KINDS, 0);
  return self->counts[kind];
}

gboolean
hc_group_plan_is_empty (HcGroupPlan *self)
{
  g_return_val_if_fail (HC_IS_GROUP_PLAN (self), TRUE);
  return self->changes->len == 0;
}

GPtrArray *
hc_group_plan_get_warnings (HcGroupPlan *self)
{
  g_return_val_if_fail (HC_IS_GROUP_PLAN (self), NULL);
  return self->warnings;
}

void
hc_group_plan_release_employees (HcGroupPlan *self)
{
  g_return_if_fail (HC_IS_GROUP_PLAN (self));
  g_clear_pointer (&self->employees, g_ptr_array_unref);
}

GPtrArray *
hc_group_plan_explain (HcGroupPlan *self,
                       const char  *employee_id)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *found;

  g_return_val_if_fail (HC_IS_GROUP_PLAN (self), lines);

  found = employee_id ? g_hash_table_lookup (self->explanations, employee_id) : NULL;
  if (found == NULL && employee_id != NULL && self->config != NULL && self->employees != NULL)
    {
      /* the same plan again, this employee's reasons written down */
      g_autoptr (HcGroupPlan) again = compute (self->config, self->items, self->connector_id, self->employees,
                                               self->groups, self->memberships, self->roles, self->member_roles,
                                               NULL, employee_id);

      found = g_hash_table_lookup (again->explanations, employee_id);
      if (found != NULL)
        g_hash_table_insert (self->explanations, g_strdup (employee_id), g_ptr_array_ref (found));
    }
  for (guint i = 0; found != NULL && i < found->len; i++)
    g_ptr_array_add (lines, g_strdup (g_ptr_array_index (found, i)));
  for (guint i = 0; employee_id != NULL && i < self->changes->len; i++)
    {
      HcGroupChange *change = g_ptr_array_index (self->changes, i);

      if (g_strcmp0 (change->employee_id, employee_id) != 0)
        continue;
      switch (change->kind)
        {
        case HC_GROUP_CHANGE_JOIN:
          /* Translators: Joins Staff/Lyon (hierarchy office=Lyon) */
          g_ptr_array_add (lines, g_strdup_printf (_("Joins %s (%s)"), change->path, change->rule));
          break;
        case HC_GROUP_CHANGE_LEAVE:
          g_ptr_array_add (lines, g_strdup_printf (_("Leaves %s, where a sync had put them (%s)"),
                                                   change->path, change->rule ? change->rule : "—"));
          break;
        case HC_GROUP_CHANGE_ROLE_ADD:
          g_ptr_array_add (lines, g_strdup_printf (_("Gets the role “%s” (%s)"), change->name, change->rule));
          break;
        case HC_GROUP_CHANGE_ROLE_REMOVE:
          g_ptr_array_add (lines, g_strdup_printf (_("Loses the role “%s” that a sync had given"), change->name));
          break;
        case HC_GROUP_CHANGE_CREATE:
        case HC_GROUP_CHANGE_RESTORE:
        case HC_GROUP_CHANGE_ROLE_CREATE:
        case HC_GROUP_CHANGE_ARCHIVE:
        case HC_GROUP_CHANGE_N_KINDS:
        default:
          break;
        }
    }
  return lines;
}

GPtrArray *
hc_group_plan_describe_member (HcStore *store,
                               gint64   member_id,
                               GError **error)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GArray) memberships = NULL;
  g_autoptr (GPtrArray) roles = NULL;
  g_autoptr (GArray) held = NULL;
  g_autoptr (GPtrArray) connectors = NULL;

  g_return_val_if_fail (HC_IS_STORE (store), NULL);

  if ((groups = hc_groups_list (store, error)) == NULL ||
      (memberships = hc_store_list_group_memberships (store, error)) == NULL ||
      (roles = hc_store_list_roles (store, error)) == NULL ||
      (held = hc_store_list_member_roles (store, error)) == NULL ||
      (connectors = hc_store_list_connectors (store, error)) == NULL)
    return NULL;

  for (guint i = 0; i < memberships->len; i++)
    {
      HcGroupMembership *m = &g_array_index (memberships, HcGroupMembership, i);

      if (m->member_id != member_id)
        continue;
      for (guint j = 0; j < groups->len; j++)
        {
          HcGroup *group = g_ptr_array_index (groups, j);

          if (group->id != m->group_id)
            continue;
          if (m->added_by == HC_GROUP_ORIGIN_HAND)
            /* Translators: In Teams: added by hand */
            g_ptr_array_add (lines, g_strdup_printf (_("In %s: added by hand"), group->path));
          else
            g_ptr_array_add (lines, g_strdup_printf (_("In %s: put there by the sync of %s (%s)"), group->path,
                                                     connector_name (connectors, m->connector_id),
                                                     m->rule ? m->rule : "—"));
        }
    }
  for (guint i = 0; i < held->len; i++)
    {
      HcMemberRole *r = &g_array_index (held, HcMemberRole, i);

      if (r->member_id != member_id)
        continue;
      for (guint j = 0; j < roles->len; j++)
        {
          HcRole *role = g_ptr_array_index (roles, j);

          if (role->id != r->role_id)
            continue;
          if (r->added_by == HC_GROUP_ORIGIN_HAND)
            g_ptr_array_add (lines, g_strdup_printf (_("Role “%s”: given by hand"), role->name));
          else
            g_ptr_array_add (lines, g_strdup_printf (_("Role “%s”: given by the sync of %s (%s)"), role->name,
                                                     connector_name (connectors, r->connector_id),
                                                     r->rule ? r->rule : "—"));
        }
    }
  return g_steal_pointer (&lines);
}

void
hc_group_plan_to_json (HcGroupPlan *self,
                       JsonBuilder *builder,
                       gboolean     with_items)
{
  g_return_if_fail (HC_IS_GROUP_PLAN (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  for (guint k = 0; k < HC_GROUP_CHANGE_N_KINDS; k++)
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
      for (guint i = 0; i < self->changes->len; i++)
        {
          HcGroupChange *change = g_ptr_array_index (self->changes, i);
          gboolean is_role = change->kind == HC_GROUP_CHANGE_ROLE_CREATE ||
                             change->kind == HC_GROUP_CHANGE_ROLE_ADD ||
                             change->kind == HC_GROUP_CHANGE_ROLE_REMOVE;

          json_builder_begin_object (builder);
          hc_json_add_string (builder, "kind", kind_names[change->kind]);
          json_builder_set_member_name (builder, "member_id");
          if (change->member_id != 0)
            json_builder_add_int_value (builder, change->member_id);
          else
            json_builder_add_null_value (builder);
          hc_json_add_string (builder, "employee_id", change->employee_id);
          hc_json_add_string (builder, "name", change->display_name);
          hc_json_add_string (builder, is_role ? "role" : "group", is_role ? change->name : change->path);
          hc_json_add_string (builder, "rule", change->rule);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}
