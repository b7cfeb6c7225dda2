/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The classroom's keys, the same on the projected window and in the
 * trainer's console, so that a clicker or the keyboard works whichever
 * has the focus:
 *
 *   A–D             pick the class's choice
 *   Space, Enter,   reveal the feedback, go on; after the ending, the recap
 *   Page Down
 *   1–4             one more vote for A–D; Ctrl+1–4 one fewer
 *   T               show or hide the tally on the projected screen
 *   R               the recap, once the role-play has ended
 *   Esc             leave
 *
 * They are caught before the focused widget sees them (Space would
 * otherwise press the focused button), except while the trainer types a
 * number of votes into the console.
 */
#include "config.h"

#include "attune-presenter-keys.h"

typedef enum
{
  KEY_SELECT,
  KEY_ADVANCE,
  KEY_VOTE_UP,
  KEY_VOTE_DOWN,
  KEY_TALLY,
  KEY_RECAP,
  KEY_LEAVE,
} KeyAction;

static gboolean
typing (GtkWidget *window)
{
  GtkWidget *focus = GTK_IS_ROOT (window) ? gtk_root_get_focus (GTK_ROOT (window)) : NULL;

  return focus != NULL && GTK_IS_EDITABLE (focus);
}

static gboolean
key_activated (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  AttunePresenterWindow *presenter = g_object_get_data (G_OBJECT (widget), "attune-presenter");
  KeyAction action;
  guint index;

  if (presenter == NULL)
    return FALSE;
  g_variant_get (args, "(uu)", &action, &index);
  /* A clicker's Page Down always goes on; other keys type into a count. */
  if (action != KEY_LEAVE && typing (widget) && !(action == KEY_ADVANCE && index == 1))
    return FALSE;
  switch (action)
    {
    case KEY_SELECT:
      return attune_presenter_window_select (presenter, index);
    case KEY_ADVANCE:
      return attune_presenter_window_advance (presenter);
    case KEY_VOTE_UP:
      return attune_presenter_window_add_vote (presenter, index, 1);
    case KEY_VOTE_DOWN:
      return attune_presenter_window_add_vote (presenter, index, -1);
    case KEY_TALLY:
      return attune_presenter_window_toggle_tally (presenter);
    case KEY_RECAP:
      return attune_presenter_window_show_recap (presenter);
    case KEY_LEAVE:
      if (typing (widget))
        return FALSE;
      gtk_window_close (GTK_WINDOW (presenter));
      return TRUE;
    default:
      return FALSE;
    }
}

static void
add (GtkShortcutController *controller,
     guint                  keyval,
     GdkModifierType        modifiers,
     KeyAction              action,
     guint                  index)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                            gtk_callback_action_new (key_activated, NULL, NULL));

  gtk_shortcut_set_arguments (shortcut, g_variant_new ("(uu)", (guint) action, index));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

/* Gives @window (the presenter itself or its console) the classroom's keys,
 * acting on @presenter. */
void
attune_presenter_keys_attach (GtkWidget             *window,
                              AttunePresenterWindow *presenter)
{
  GtkShortcutController *keys = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  static const guint advance_keys[] = { GDK_KEY_space, GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_Page_Down };

  /* Not a reference: the presenter closes its console when it goes. */
  g_object_set_data (G_OBJECT (window), "attune-presenter", presenter);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (keys), GTK_PHASE_CAPTURE);
  for (guint i = 0; i < ATTUNE_MAX_CHOICES; i++)
    {
      gunichar letter = g_utf8_get_char (g_utf8_offset_to_pointer (attune_class_reply_letters (), i));
      guint lower = gdk_unicode_to_keyval (g_unichar_tolower (letter));
      guint upper = gdk_unicode_to_keyval (g_unichar_toupper (letter));

      /* The translated letters; A–D always work too. */
      add (keys, GDK_KEY_a + i, 0, KEY_SELECT, i);
      add (keys, GDK_KEY_A + i, GDK_SHIFT_MASK, KEY_SELECT, i);
      if (lower != GDK_KEY_a + i)
        add (keys, lower, 0, KEY_SELECT, i);
      if (upper != lower && upper != GDK_KEY_A + i)
        add (keys, upper, GDK_SHIFT_MASK, KEY_SELECT, i);
      add (keys, GDK_KEY_1 + i, 0, KEY_VOTE_UP, i);
      add (keys, GDK_KEY_KP_1 + i, 0, KEY_VOTE_UP, i);
      add (keys, GDK_KEY_1 + i, GDK_CONTROL_MASK, KEY_VOTE_DOWN, i);
      add (keys, GDK_KEY_KP_1 + i, GDK_CONTROL_MASK, KEY_VOTE_DOWN, i);
    }
  for (guint i = 0; i < G_N_ELEMENTS (advance_keys); i++)
    add (keys, advance_keys[i], 0, KEY_ADVANCE, advance_keys[i] == GDK_KEY_Page_Down);
  add (keys, GDK_KEY_t, 0, KEY_TALLY, 0);
  add (keys, GDK_KEY_r, 0, KEY_RECAP, 0);
  add (keys, GDK_KEY_Escape, 0, KEY_LEAVE, 0);
  gtk_widget_add_controller (window, GTK_EVENT_CONTROLLER (keys));
}
