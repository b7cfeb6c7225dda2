/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneLessonPage: one lesson, laid out for reading. Title and summary;
 * the sections with headings marked for screen readers; phrases that work
 * and phrases that backfire told apart by icon and heading as well as
 * colour; the worked example as an exchange; related lessons as links;
 * the source articles. All text can be selected and copied.
 *
 * Related links activate "lesson.open" with the lesson's id, and the
 * Practise button "lesson.practise"; the browser and window handle them.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "attune-widget-util.h"
#include "attune-chat-bubble.h"
#include "attune-lesson-page.h"

struct _AttuneLessonPage
{
  GtkWidget parent_instance;

  AttuneLesson *lesson;
  GtkWidget *title;
  GtkWidget *status;             /* the learner's level, when known */
  GPtrArray *stops;              /* the tab stops, in order (unowned) */
  GtkScrolledWindow *scroller;
  GtkBox *content;
};

G_DEFINE_FINAL_TYPE (AttuneLessonPage, attune_lesson_page, GTK_TYPE_WIDGET)

static GtkWidget *
text_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
heading (const char *text,
         const char *css_class)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "label", text,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                   "xalign", 0.0f,
                                   "wrap", TRUE,
                                   "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                   NULL);

  gtk_widget_add_css_class (label, css_class);
  /* Levels for screen readers: the title, its sections, their parts. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL,
                                  g_str_equal (css_class, "title-1") ? 1 : g_str_equal (css_class, "title-3") ? 2 : 3, -1);
  return label;
}

static void
append (AttuneLessonPage *self,
        GtkWidget        *widget)
{
  gtk_box_append (self->content, widget);
}

static void
append_section (AttuneLessonPage   *self,
                const char         *title,
                const char * const *paragraphs)
{
  GtkWidget *section = heading (title, "title-3");

  gtk_widget_add_css_class (section, "attune-section-heading");
  append (self, section);
  for (guint i = 0; paragraphs != NULL && paragraphs[i] != NULL; i++)
    append (self, text_label (paragraphs[i], "attune-body"));
}

static void
append_steps (AttuneLessonPage   *self,
              const char * const *steps)
{
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  for (guint i = 0; steps[i] != NULL; i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      GtkWidget *badge = gtk_label_new (number);

      gtk_widget_add_css_class (badge, "attune-step-number");
      gtk_widget_set_valign (badge, GTK_ALIGN_START);
      /* The list is announced as a list; the badge is decoration. */
      gtk_accessible_update_state (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      gtk_box_append (GTK_BOX (row), badge);
      gtk_box_append (GTK_BOX (row), text_label (steps[i], "attune-body"));
      gtk_widget_set_hexpand (gtk_widget_get_last_child (row), TRUE);
      gtk_box_append (GTK_BOX (list), row);
    }
  append (self, list);
}

/* Phrases that work and that backfire differ in heading, icon and the
 * word before each phrase, not only in colour. */
static void
append_phrases (AttuneLessonPage *self,
                const char       *title,
                GPtrArray        *phrases,
                gboolean          works)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *title_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name (works ? "emblem-ok-symbolic" : "process-stop-symbolic");

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, works ? "attune-works" : "attune-backfires");
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_add_css_class (icon, "attune-phrase-icon");
  gtk_box_append (GTK_BOX (title_row), icon);
  gtk_box_append (GTK_BOX (title_row), heading (title, "heading"));
  gtk_box_append (GTK_BOX (box), title_row);

  for (guint i = 0; i < phrases->len; i++)
    {
      AttunePhrase *phrase = g_ptr_array_index (phrases, i);
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      gtk_widget_add_css_class (item, "attune-phrase");
      gtk_box_append (GTK_BOX (item), text_label (phrase->say, "attune-quote"));
      if (phrase->reason != NULL)
        gtk_box_append (GTK_BOX (item), text_label (phrase->reason, "dim-label"));
      gtk_box_append (GTK_BOX (box), item);
    }
  append (self, box);
}

static void
append_example (AttuneLessonPage *self,
                AttuneLesson     *lesson)
{
  GPtrArray *lines = attune_lesson_get_example_lines (lesson);
  GtkWidget *exchange = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  append (self, heading (_("Worked Example"), "title-3"));
  gtk_widget_add_css_class (gtk_widget_get_last_child (GTK_WIDGET (self->content)), "attune-section-heading");
  if (attune_lesson_get_example_setting (lesson) != NULL)
    append (self, text_label (attune_lesson_get_example_setting (lesson), "attune-setting"));

  for (guint i = 0; i < lines->len; i++)
    {
      AttuneExampleLine *line = g_ptr_array_index (lines, i);
      /* Translators: who speaks in a worked example; shown above each line */
      const char *speaker = line->from_customer ? C_("speaker", "Customer") : C_("speaker", "You");

      gtk_box_append (GTK_BOX (exchange), attune_chat_bubble_new (speaker, line->text, line->from_customer, TRUE));
    }
  append (self, exchange);

  if (attune_lesson_get_example_comment (lesson) != NULL)
    append (self, text_label (attune_lesson_get_example_comment (lesson), "attune-comment"));
}

static void
append_related (AttuneLessonPage *self,
                AttuneLibrary    *library,
                AttuneLesson     *lesson)
{
  GPtrArray *related = attune_lesson_get_related (lesson);
  GtkWidget *flow = gtk_flow_box_new ();
  guint shown = 0;

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);

  for (guint i = 0; i < related->len; i++)
    {
      AttuneReference *ref = g_ptr_array_index (related, i);
      AttuneLesson *other = attune_library_find_lesson (library, ref->id);
      GtkWidget *button;

      /* A link to a lesson that failed to load is left out. */
      if (other == NULL)
        continue;
      button = gtk_button_new_with_label (attune_lesson_get_title (other));
      /* Long titles (German, or any longer translation) wrap instead of widening a narrow window. */
      gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_name (button, ref->id);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "attune-related");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      attune_lesson_get_summary (other), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "lesson.open");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", ref->id);
      attune_flow_box_append_unfocusable (GTK_FLOW_BOX (flow), button);
      g_ptr_array_add (self->stops, button);
      shown++;
    }

  if (shown == 0)
    {
      g_object_ref_sink (flow);
      g_object_unref (flow);
      return;
    }
  append (self, heading (_("Related Lessons"), "title-3"));
  gtk_widget_add_css_class (gtk_widget_get_last_child (GTK_WIDGET (self->content)), "attune-section-heading");
  append (self, flow);
}

static void
append_sources (AttuneLessonPage *self,
                AttuneLesson     *lesson)
{
  const char * const *sources = attune_lesson_get_sources (lesson);

  append (self, heading (g_strv_length ((GStrv) sources) == 1 ? _("Source") : _("Sources"), "heading"));
  gtk_widget_add_css_class (gtk_widget_get_last_child (GTK_WIDGET (self->content)), "attune-section-heading");
  for (guint i = 0; sources[i] != NULL; i++)
    {
      /* Translators: a cited article title, in typographic quotes */
      g_autofree char *cited = g_strdup_printf (_("“%s”"), sources[i]);

      append (self, text_label (cited, "attune-source"));
    }
}

static void
append_practise (AttuneLessonPage *self,
                 AttuneLibrary    *library,
                 AttuneLesson     *lesson)
{
  guint n = attune_library_count_scenarios_practising (library, attune_lesson_get_id (lesson));
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Practise This"));
  g_autofree char *count = NULL;

  gtk_widget_set_name (button, "practise-this");
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "lesson.practise");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", attune_lesson_get_id (lesson));
  gtk_widget_set_sensitive (button, n > 0);
  gtk_box_append (GTK_BOX (row), button);
  g_ptr_array_add (self->stops, button);

  if (n == 0)
    count = g_strdup (_("No role-play practises this strategy yet."));
  else
    count = g_strdup_printf (ngettext ("%u role-play practises this strategy.",
                                       "%u role-plays practise this strategy.", n), n);
  gtk_box_append (GTK_BOX (row), text_label (count, "dim-label"));
  gtk_widget_set_hexpand (gtk_widget_get_last_child (row), TRUE);
  append (self, row);
}


/**
 * attune_lesson_page_set_lesson:
 * @library: to resolve related lessons and count role-plays
 *
 * Shows @lesson from the top.
 */
void
attune_lesson_page_set_lesson (AttuneLessonPage *self,
                               AttuneLibrary    *library,
                               AttuneLesson     *lesson)
{
  GtkRoot *root;
  GtkWidget *focus;
  gboolean had_focus;

  g_return_if_fail (ATTUNE_IS_LESSON_PAGE (self));

  /* Following a related lesson by keyboard removes the focused link: the
   * focus goes to the new lesson's title instead of being lost. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->content));
  if (had_focus)
    gtk_root_set_focus (root, NULL);

  g_set_object (&self->lesson, lesson);
  self->title = NULL;
  self->status = NULL;
  g_ptr_array_set_size (self->stops, 0);
  attune_box_remove_all (self->content);
  if (lesson == NULL)
    return;

  append (self, text_label (attune_lesson_group_get_label (attune_lesson_get_group (lesson)), "attune-eyebrow"));
  self->title = heading (attune_lesson_get_title (lesson), "title-1");
  gtk_label_set_selectable (GTK_LABEL (self->title), TRUE);
  append (self, self->title);
  g_ptr_array_add (self->stops, self->title);
  append (self, text_label (attune_lesson_get_summary (lesson), "attune-summary"));
  self->status = text_label ("", "attune-lesson-status");
  gtk_widget_set_visible (self->status, FALSE);
  append (self, self->status);
  append_practise (self, library, lesson);

  append_section (self, _("What It Is"), attune_lesson_get_what (lesson));
  append_section (self, _("Why It Matters"), attune_lesson_get_why (lesson));
  append_section (self, _("How to Do It"), attune_lesson_get_how_intro (lesson));
  append_steps (self, attune_lesson_get_steps (lesson));
  append_phrases (self, _("Phrases That Work"), attune_lesson_get_works (lesson), TRUE);
  append_phrases (self, _("Phrases That Backfire"), attune_lesson_get_backfires (lesson), FALSE);
  append_example (self, lesson);
  append_related (self, library, lesson);
  append_sources (self, lesson);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* Focuses a tab stop; a label (the title) gets the focus without having
 * all its text selected, which would read as a selection. */
static gboolean
focus_stop (GtkWidget *stop)
{
  if (!gtk_widget_is_visible (stop) || !gtk_widget_is_sensitive (stop) || !gtk_widget_grab_focus (stop))
    return FALSE;
  if (GTK_IS_LABEL (stop))
    gtk_label_select_region (GTK_LABEL (stop), 0, 0);
  return TRUE;
}

/* Whether @a comes before @b in reading order (top to bottom, then
 * along the line). */
static gboolean
reads_before (GtkWidget *a,
              GtkWidget *b,
              GtkWidget *page)
{
  graphene_point_t pa, pb;

  if (!gtk_widget_compute_point (a, page, &GRAPHENE_POINT_INIT (0, 0), &pa) ||
      !gtk_widget_compute_point (b, page, &GRAPHENE_POINT_INIT (0, 0), &pb))
    return FALSE;
  if (pa.y != pb.y)
    return pa.y < pb.y;
  return gtk_widget_get_direction (page) == GTK_TEXT_DIR_RTL ? pa.x > pb.x : pa.x < pb.x;
}

/* The title, Practise This and the related lessons are the tab stops.
 * The prose stays selectable (a click focuses it, so Ctrl+C copies), but
 * Tab and Shift+Tab go from stop to stop, and out of the page at either
 * end, instead of through forty paragraphs. */
static gboolean
attune_lesson_page_focus (GtkWidget        *widget,
                          GtkDirectionType  direction)
{
  AttuneLessonPage *self = ATTUNE_LESSON_PAGE (widget);
  gboolean forward = direction == GTK_DIR_TAB_FORWARD;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  int n = (int) self->stops->len;
  int from;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return GTK_WIDGET_CLASS (attune_lesson_page_parent_class)->focus (widget, direction);

  if (focus == NULL || !gtk_widget_is_ancestor (focus, widget))
    from = forward ? -1 : n;
  else
    {
      /* From a stop, or from prose a click focused: the stop before it. */
      from = -1;
      for (int i = 0; i < n; i++)
        {
          GtkWidget *stop = g_ptr_array_index (self->stops, i);

          if (stop == focus || gtk_widget_is_ancestor (focus, stop))
            {
              from = i;
              break;
            }
          if (reads_before (stop, focus, widget))
            from = forward ? i : i + 1;
        }
    }

  for (int i = from + (forward ? 1 : -1); i >= 0 && i < n; i += forward ? 1 : -1)
    if (focus_stop (g_ptr_array_index (self->stops, i)))
      return TRUE;
  return FALSE;
}

/* Opening a lesson puts the focus on its title, so that a screen reader
 * starts there; Tab then reaches Practise This. Page Up and Page Down
 * scroll the lesson from any stop. */
static gboolean
attune_lesson_page_grab_focus (GtkWidget *widget)
{
  AttuneLessonPage *self = ATTUNE_LESSON_PAGE (widget);

  return self->title != NULL && focus_stop (self->title);
}

/**
 * attune_lesson_page_set_status:
 * @text: (nullable): how the learner is doing with this strategy
 *
 * A line under the summary; hidden when @text is %NULL.
 */
void
attune_lesson_page_set_status (AttuneLessonPage *self,
                               const char       *text)
{
  g_return_if_fail (ATTUNE_IS_LESSON_PAGE (self));

  if (self->status == NULL)
    return;
  gtk_label_set_text (GTK_LABEL (self->status), text != NULL ? text : "");
  gtk_widget_set_visible (self->status, text != NULL);
}

AttuneLesson *
attune_lesson_page_get_lesson (AttuneLessonPage *self)
{
  g_return_val_if_fail (ATTUNE_IS_LESSON_PAGE (self), NULL);
  return self->lesson;
}

static void
attune_lesson_page_dispose (GObject *object)
{
  AttuneLessonPage *self = ATTUNE_LESSON_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTUNE_TYPE_LESSON_PAGE);
  g_clear_object (&self->lesson);
  g_clear_pointer (&self->stops, g_ptr_array_unref);
  G_OBJECT_CLASS (attune_lesson_page_parent_class)->dispose (object);
}

static void
attune_lesson_page_class_init (AttuneLessonPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = attune_lesson_page_dispose;
  widget_class->grab_focus = attune_lesson_page_grab_focus;
  widget_class->focus = attune_lesson_page_focus;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "attune-lesson-page");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attune/Attune/attune-lesson-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AttuneLessonPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, AttuneLessonPage, content);
}

static void
attune_lesson_page_init (AttuneLessonPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->stops = g_ptr_array_new ();
}
