/* hc-group-placement.c — where a sync puts a managed member (rules.md 36, 37)
 *
 * The tree is indexed once by (parent, name key), each HR value's key is
 * worked out once, and each combination of the levels' values is placed
 * once, so that placing 100,000 employees costs one hash lookup each.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hc-group-placement"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hc-group-path.h"
#include "hc-group-placement.h"

struct _HcGroupPlacement
{
  GObject     parent_instance;

  HcGroupMode mode;
  GPtrArray  *levels;           /* of char*: HR fields */
  guint       level_ids[HC_CONFIG_MAX_GROUP_LEVELS]; /* their hc_employee_field_id () */
  GPtrArray  *groups;           /* of HcGroup*, kept */
  HcGroup    *top;
  char       *problem;
  GHashTable *children;         /* "parent id:name key" → HcGroup* (live groups only) */
  GHashTable *keys;             /* value → its name key, a cache */
  GHashTable *by_id;            /* id → HcGroup* */
  GHashTable *found;            /* parent id → (HR value → child HcGroup* or NULL), a cache */
  GHashTable *placed;           /* ValuesKey* (the levels' values) → Placed*, a cache */
};

G_DEFINE_FINAL_TYPE (HcGroupPlacement, hc_group_placement, G_TYPE_OBJECT)

static void
hc_group_placement_finalize (GObject *object)
{
  HcGroupPlacement *self = HC_GROUP_PLACEMENT (object);

  g_clear_pointer (&self->levels, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->children, g_hash_table_unref);
  g_clear_pointer (&self->keys, g_hash_table_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->found, g_hash_table_unref);
  g_clear_pointer (&self->placed, g_hash_table_unref);
  G_OBJECT_CLASS (hc_group_placement_parent_class)->finalize (object);
}

static void
hc_group_placement_class_init (HcGroupPlacementClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hc_group_placement_finalize;
}

/* An employee's values for the levels, as a key: employees mostly share
 * them (office and department), so each combination is placed once. */
typedef struct
{
  guint       n;
  const char *values[HC_CONFIG_MAX_GROUP_LEVELS];
} ValuesKey;

static guint
values_key_hash (gconstpointer key)
{
  const ValuesKey *k = key;
  guint hash = k->n;

  for (guint i = 0; i < k->n; i++)
    hash = hash * 33 + (k->values[i] != NULL ? g_str_hash (k->values[i]) : 0);
  return hash;
}

static gboolean
values_key_equal (gconstpointer a,
                  gconstpointer b)
{
  const ValuesKey *ka = a, *kb = b;

  if (ka->n != kb->n)
    return FALSE;
  for (guint i = 0; i < ka->n; i++)
    if (g_strcmp0 (ka->values[i], kb->values[i]) != 0)
      return FALSE;
  return TRUE;
}

/* Where a combination of values places a member, and the rule a join
 * records (worked out for the first join only). */
struct _HcPlacedValues
{
  HcGroup         *group;
  char            *rule;
  const ValuesKey *key;   /* the cache's own key */
};
typedef HcPlacedValues Placed;

static void
placed_free (Placed *placed)
{
  g_free (placed->rule);
  g_free (placed);
}

/* A copy of @key in one block, its values after it. */
static ValuesKey *
values_key_dup (const ValuesKey *key)
{
  gsize size = sizeof (ValuesKey);
  ValuesKey *copy;
  char *tail;

  for (guint i = 0; i < key->n; i++)
    size += key->values[i] != NULL ? strlen (key->values[i]) + 1 : 0;
  copy = g_malloc0 (size);
  copy->n = key->n;
  tail = (char *) (copy + 1);
  for (guint i = 0; i < key->n; i++)
    if (key->values[i] != NULL)
      {
        gsize len = strlen (key->values[i]) + 1;

        memcpy (tail, key->values[i], len);
        copy->values[i] = tail;
        tail += len;
      }
  return copy;
}

static void
hc_group_placement_init (HcGroupPlacement *self)
{
  self->levels = g_ptr_array_new_with_free_func (g_free);
  self->children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->found = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  self->placed = g_hash_table_new_full (values_key_hash, values_key_equal, g_free, (GDestroyNotify) placed_free);
}

void
hc_placement_clear (HcPlacement *placement)
{
  if (placement == NULL)
    return;
  g_clear_pointer (&placement->missing_value, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (placement->values); i++)
    g_clear_pointer (&placement->values[i], g_free);
  memset (placement, 0, sizeof *placement);
}

void
hc_placement_count_free (HcPlacementCount *count)
{
  if (count == NULL)
    return;
  g_free (count->label);
  g_free (count);
}

static char *
child_key (gint64      parent_id,
           const char *name_key)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%s", parent_id, name_key);
}

HcGroupPlacement *
hc_group_placement_new (const HcConfig *config,
                        GPtrArray      *groups)
{
  HcGroupPlacement *self;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (groups != NULL, NULL);

  self = g_object_new (HC_TYPE_GROUP_PLACEMENT, NULL);
  self->mode = config->group_mode;
  self->groups = g_ptr_array_ref (groups);
  if (self->mode == HC_GROUP_MODE_HIERARCHY)
    for (guint i = 0; i < config->group_levels->len && i < HC_CONFIG_MAX_GROUP_LEVELS; i++)
      {
        g_ptr_array_add (self->levels, g_strdup (g_ptr_array_index (config->group_levels, i)));
        self->level_ids[i] = hc_employee_field_id (g_ptr_array_index (config->group_levels, i));
      }
  if (self->mode == HC_GROUP_MODE_NONE)
    return self;

  for (guint i = 0; i < groups->len; i++)
    {
      HcGroup *group = g_ptr_array_index (groups, i);
      g_autofree char *key = NULL;

      g_hash_table_insert (self->by_id, &group->id, group);
      if (group->archived)
        continue;
      key = hc_group_name_key (group->name);
      g_hash_table_insert (self->children, child_key (group->parent_id, key), group);
    }

  if (config->group_top != NULL)
    {
      g_auto (GStrv) names = hc_group_path_parse (config->group_top, NULL);
      HcGroup *group = NULL;
      gint64 parent_id = 0;

      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        {
          g_autofree char *key = hc_group_name_key (names[i]);
          g_autofree char *ck = child_key (parent_id, key);

          group = g_hash_table_lookup (self->children, ck);
          if (group == NULL)
            break;
          parent_id = group->id;
        }
      self->top = group;
    }
  if (self->top == NULL)
    self->problem = g_strdup_printf (_("The group “%s” that this connector syncs into does not exist "
                                       "(or is archived): no group changes"),
                                     config->group_top ? config->group_top : "");
  return self;
}

HcGroupMode
hc_group_placement_get_mode (HcGroupPlacement *self)
{
  g_return_val_if_fail (HC_IS_GROUP_PLACEMENT (self), HC_GROUP_MODE_NONE);
  return self->mode;
}

HcGroup *
hc_group_placement_get_top (HcGroupPlacement *self)
{
  g_return_val_if_fail (HC_IS_GROUP_PLACEMENT (self), NULL);
  return self->top;
}

const char *
hc_group_placement_get_problem (HcGroupPlacement *self)
{
  g_return_val_if_fail (HC_IS_GROUP_PLACEMENT (self), NULL);
  return self->problem;
}

/* The name key of an HR value, from the cache. */
static const char *
value_key (HcGroupPlacement *self,
           const char       *value)
{
  char *key = g_hash_table_lookup (self->keys, value);

  if (key == NULL)
    {
      key = hc_group_name_key (value);
      g_hash_table_insert (self->keys, g_strdup (value), key);
    }
  return key;
}

/* The live child of @group whose name has @key, through a cache by raw
 * value per parent: one lookup per level, no key built, for each of
 * 100,000 employees. */
static HcGroup *
find_child (HcGroupPlacement *self,
            HcGroup          *group,
            const char       *value)
{
  GHashTable *by_value = g_hash_table_lookup (self->found, &group->id);
  gpointer child;

  if (by_value == NULL)
    {
      by_value = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (self->found, &group->id, by_value);
    }
  if (!g_hash_table_lookup_extended (by_value, value, NULL, &child))
    {
      const char *key = value_key (self, value);
      g_autofree char *ck = child_key (group->id, key);

      child = *key != '\0' ? g_hash_table_lookup (self->children, ck) : NULL;
      g_hash_table_insert (by_value, g_strdup (value), child);
    }
  return child;
}

HcGroup *
hc_group_placement_place_values (HcGroupPlacement   *self,
                                 const char * const *values,
                                 guint               n_values,
                                 HcPlacement        *out)
{
  HcGroup *group;
  guint matched = 0;

  g_return_val_if_fail (HC_IS_GROUP_PLACEMENT (self), NULL);

  if (out != NULL)
    {
      memset (out, 0, sizeof *out);
      out->n_levels = self->levels->len;
    }
  if (self->mode == HC_GROUP_MODE_NONE || self->top == NULL)
    return NULL;

  group = self->top;
  for (guint level = 0; level < self->levels->len; level++)
    {
      const char *value = level < n_values ? values[level] : NULL;
      HcGroup *child = value != NULL ? find_child (self, group, value) : NULL;

      if (out != NULL && value != NULL && *value_key (self, value) != '\0')
        out->values[level] = g_strstrip (g_strdup (value));
      if (child == NULL)
        {
          if (out != NULL)
            {
              out->missing_field = g_ptr_array_index (self->levels, level);
              out->missing_value = g_strdup (out->values[level]);
            }
          break;
        }
      group = child;
      matched++;
    }

  if (out != NULL)
    {
      out->group = group;
      out->matched = matched;
    }
  return group;
}

static void
values_of (HcGroupPlacement *self,
           HcEmployee       *employee,
           ValuesKey        *key)
{
  key->n = self->levels->len;
  for (guint i = 0; i < key->n; i++)
    key->values[i] = hc_employee_get_field_by_id (employee, self->level_ids[i]);
}

/* The cache's entry for @key's combination, placed when it is new. */
static Placed *
placed_of (HcGroupPlacement *self,
           const ValuesKey  *key)
{
  Placed *placed = g_hash_table_lookup (self->placed, key);

  if (placed == NULL)
    {
      ValuesKey *copy = values_key_dup (key);

      placed = g_new0 (Placed, 1);
      placed->group = hc_group_placement_place_values (self, key->values, key->n, NULL);
      placed->key = copy;
      g_hash_table_insert (self->placed, copy, placed);
    }
  return placed;
}

HcGroup *
hc_group_placement_place (HcGroupPlacement *self,
                          HcEmployee       *employee,
                          HcPlacement      *out)
{
  ValuesKey key = { 0, };

  g_return_val_if_fail (HC_IS_GROUP_PLACEMENT (self), NULL);
  g_return_val_if_fail (HC_IS_EMPLOYEE (employee), NULL);

  values_of (self, employee, &key);
  /* the details are worked out each time; the group once per combination */
  if (out != NULL || key.n == 0)
    return hc_group_placement_place_values (self, key.values, key.n, out);
  return placed_of (self, &key)->group;
}

/* The rule of @placed, worked out the first time it is asked for. */
static const char *
placed_rule (HcGroupPlacement *self,
             Placed           *placed)
{
  if (placed->rule == NULL)
    {
      HcPlacement placement;

      hc_group_placement_place_values (self, placed->key->values, placed->key->n, &placement);
      placed->rule = hc_group_placement_dup_rule (self, &placement);
      hc_placement_clear (&placement);
    }
  return placed->rule;
}

const char *
hc_group_placement_get_rule (HcGroupPlacement *self,
                             HcEmployee       *employee)
{
  ValuesKey key = { 0, };

  g_return_val_if_fail (HC_IS_GROUP_PLACEMENT (self), NULL);
  g_return_val_if_fail (HC_IS_EMPLOYEE (employee), NULL);

  values_of (self, employee, &key);
  return placed_rule (self, placed_of (self, &key));
}

HcPlacedValues **
hc_group_placement_place_each (HcGroupPlacement *self,
                               GPtrArray        *employees)
{
  HcPlacedValues **each;

  g_return_val_if_fail (HC_IS_GROUP_PLACEMENT (self), NULL);
  g_return_val_if_fail (employees != NULL, NULL);

  each = g_new (HcPlacedValues *, MAX (employees->len, 1));
  for (guint i = 0; i < employees->len; i++)
    {
      ValuesKey key = { 0, };

      if (i + 8 < employees->len)
        hc_employee_prefetch (g_ptr_array_index (employees, i + 8));
      values_of (self, g_ptr_array_index (employees, i), &key);
      /* "into" has no levels: one combination, the chosen group */
      each[i] = placed_of (self, &key);
    }
  return each;
}

HcGroup *
hc_placed_values_get_group (const HcPlacedValues *placed)
{
  g_return_val_if_fail (placed != NULL, NULL);
  return placed->group;
}

const char *
hc_group_placement_get_placed_rule (HcGroupPlacement *self,
                                    HcPlacedValues   *placed)
{
  g_return_val_if_fail (HC_IS_GROUP_PLACEMENT (self), NULL);
  g_return_val_if_fail (placed != NULL, NULL);
  return placed_rule (self, placed);
}

char *
hc_group_placement_describe (HcGroupPlacement  *self,
                             const HcPlacement *placement)
{
  g_autoptr (GString) matched = g_string_new (NULL);

  g_return_val_if_fail (HC_IS_GROUP_PLACEMENT (self), NULL);
  g_return_val_if_fail (placement != NULL, NULL);

  if (placement->group == NULL)
    return g_strdup (self->problem ? self->problem : _("This connector changes no group"));
  if (self->mode == HC_GROUP_MODE_INTO)
    /* Translators: %s is a group path */
    return g_strdup_printf (_("Every managed member goes into %s"), placement->group->path);

  for (guint i = 0; i < placement->matched; i++)
    {
      if (i > 0)
        g_string_append (matched, i + 1 == placement->matched ? _(" and ") : ", ");
      /* Translators: an HR field and its value: office “Paris” */
      g_string_append_printf (matched, _("%s “%s”"), (const char *) g_ptr_array_index (self->levels, i),
                              placement->values[i]);
    }
  if (placement->missing_field == NULL)
    /* Translators: office “Paris” and department “Sales” match Staff/Paris/Sales */
    return g_strdup_printf (_("%s match %s"), matched->str, placement->group->path);
  if (placement->missing_value == NULL)
    {
      if (placement->matched == 0)
        /* Translators: the first %s is an HR field, the second a group path */
        return g_strdup_printf (_("No %s in the HR data: stays in the top group %s"),
                                placement->missing_field, placement->group->path);
      /* Translators: office “Paris” matches Staff/Paris; no department in the HR data */
      return g_strdup_printf (_("%s matches %s; no %s in the HR data"), matched->str,
                              placement->group->path, placement->missing_field);
    }
  if (placement->matched == 0)
    /* Translators: no group “Lyon” (an office) under Staff: stays in the top group */
    return g_strdup_printf (_("No group “%s” (a %s) under %s: stays in the top group"),
                            placement->missing_value, placement->missing_field, placement->group->path);
  /* Translators: office “Paris” matches Staff/Paris; no group “Sales” (a department) under it */
  return g_strdup_printf (_("%s matches %s; no group “%s” (a %s) under it"), matched->str,
                          placement->group->path, placement->missing_value, placement->missing_field);
}

char *
hc_group_placement_dup_rule (HcGroupPlacement  *self,
                             const HcPlacement *placement)
{
  g_autoptr (GString) rule = NULL;

  g_return_val_if_fail (HC_IS_GROUP_PLACEMENT (self), NULL);
  g_return_val_if_fail (placement != NULL, NULL);

  /* Recorded on the membership and shown in "explain": not translated,
   * as a configuration key is not. */
  if (self->mode == HC_GROUP_MODE_INTO && self->top != NULL)
    return g_strdup_printf ("into %s", self->top->path);
  rule = g_string_new ("hierarchy");
  for (guint i = 0; i < placement->matched; i++)
    g_string_append_printf (rule, "%s%s=%s", i ? ", " : " ",
                            (const char *) g_ptr_array_index (self->levels, i), placement->values[i]);
  if (placement->matched == 0)
    g_string_append (rule, " top group");
  return g_string_free (g_steal_pointer (&rule), FALSE);
}

/* "Paris / Engineering", "Paris (no department group)", "top group". */
static char *
count_label (HcGroupPlacement *self,
             HcGroup          *group)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GString) label = g_string_new (NULL);
  HcGroup *g = group;
  guint depth = 0;

  if (self->mode == HC_GROUP_MODE_INTO)
    return g_strdup (group->path);
  if (group == self->top)
    return g_strdup (_("top group"));

  while (g != NULL && g != self->top)
    {
      g_ptr_array_insert (names, 0, g->name);
      g = g->parent_id ? g_hash_table_lookup (self->by_id, &g->parent_id) : NULL;
    }
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (label, "%s%s", i ? " / " : "", (const char *) g_ptr_array_index (names, i));
  depth = names->len;
  if (depth < self->levels->len)
    /* Translators: after a group's name: Paris (no department group) */
    g_string_append_printf (label, _(" (no %s group)"), (const char *) g_ptr_array_index (self->levels, depth));
  return g_string_free (g_steal_pointer (&label), FALSE);
}

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const HcPlacementCount *ca = *(HcPlacementCount * const *) a;
  const HcPlacementCount *cb = *(HcPlacementCount * const *) b;

  if (ca->count != cb->count)
    return ca->count > cb->count ? -1 : 1;
  return g_utf8_collate (ca->label, cb->label);
}

GPtrArray *
hc_group_placement_count (HcGroupPlacement *self,
                          GPtrArray        *employees)
{
  GPtrArray *counts = g_ptr_array_new_with_free_func ((GDestroyNotify) hc_placement_count_free);
  g_autoptr (GHashTable) by_group = g_hash_table_new (g_direct_hash, g_direct_equal);

  g_return_val_if_fail (HC_IS_GROUP_PLACEMENT (self), counts);
  g_return_val_if_fail (employees != NULL, counts);

  for (guint i = 0; i < employees->len; i++)
    {
      HcGroup *group = hc_group_placement_place (self, g_ptr_array_index (employees, i), NULL);
      HcPlacementCount *count;

      if (group == NULL)
        continue;
      count = g_hash_table_lookup (by_group, group);
      if (count == NULL)
        {
          count = g_new0 (HcPlacementCount, 1);
          count->group = group;
          count->label = count_label (self, group);
          g_hash_table_insert (by_group, group, count);
          g_ptr_array_add (counts, count);
        }
      count->count++;
    }
  g_ptr_array_sort (counts, compare_counts);
  return counts;
}

char *
hc_group_placement_summarize (HcGroupPlacement *self,
                              GPtrArray        *employees)
{
  g_autoptr (GPtrArray) counts = NULL;
  g_autoptr (GString) text = g_string_new (NULL);

  g_return_val_if_fail (HC_IS_GROUP_PLACEMENT (self), NULL);

  if (self->mode == HC_GROUP_MODE_NONE)
    return g_strdup ("");
  if (self->problem != NULL)
    return g_strdup (self->problem);
  counts = hc_group_placement_count (self, employees);
  for (guint i = 0; i < counts->len; i++)
    {
      const HcPlacementCount *count = g_ptr_array_index (counts, i);

      g_string_append_printf (text, "%s%s: %u", i ? ", " : "", count->label, count->count);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

GStrv
hc_group_placement_team_names (const HcConfig *config,
                               HcEmployee     *employee)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (HC_IS_EMPLOYEE (employee), NULL);

  for (guint i = 0; i < config->teams_from->len; i++)
    {
      const char *value = hc_employee_get_field (employee, g_ptr_array_index (config->teams_from, i));
      g_autofree char *trimmed = value ? g_strstrip (g_strdup (value)) : NULL;

      if (trimmed == NULL || *trimmed == '\0')
        break;
      g_strv_builder_add (builder, trimmed);
      n++;
    }
  if (n == 0)
    return NULL;
  return g_strv_builder_end (builder);
}
