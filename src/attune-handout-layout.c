/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AttuneHandoutLayout: a handout laid out on pages with Pango and Cairo.
 * The same page drawing serves GtkPrintOperation (attune-print.c) and a
 * PDF written straight to a file (`attune --print`), which needs no
 * display. Each page has the handout's title along the top and
 * “Page N of M” at the foot; a heading never ends a page, and a paragraph
 * that does not fit goes on over the page, line by line.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n.h>

#include "attune-handout-layout.h"

#define INDENT_STEP 18.0   /* points per nesting level */
#define MARKER_GAP 6.0
#define HEADER_SPACE 30.0  /* the running title above the text */
#define FOOTER_SPACE 30.0  /* the page number below it */

/* One line of a block, placed on a page. */
typedef struct
{
  guint page;
  guint block;
  guint line;
  double x;
  double baseline;
} PlacedLine;

struct _AttuneHandoutLayout
{
  GObject parent_instance;

  AttuneHandout *handout;
  PangoContext *context;
  GPtrArray *layouts;        /* PangoLayout per block */
  GPtrArray *markers;        /* PangoLayout or NULL per block */
  GArray *lines;             /* PlacedLine */
  guint n_pages;
  double width, height, margin;
};

G_DEFINE_FINAL_TYPE (AttuneHandoutLayout, attune_handout_layout, G_TYPE_OBJECT)

static void
attune_handout_layout_finalize (GObject *object)
{
  AttuneHandoutLayout *self = ATTUNE_HANDOUT_LAYOUT (object);

  g_clear_object (&self->handout);
  g_clear_object (&self->context);
  g_clear_pointer (&self->layouts, g_ptr_array_unref);
  g_clear_pointer (&self->markers, g_ptr_array_unref);
  g_clear_pointer (&self->lines, g_array_unref);
  G_OBJECT_CLASS (attune_handout_layout_parent_class)->finalize (object);
}

static void
attune_handout_layout_class_init (AttuneHandoutLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attune_handout_layout_finalize;
}

static void
attune_handout_layout_init (AttuneHandoutLayout *self)
{
  self->lines = g_array_new (FALSE, FALSE, sizeof (PlacedLine));
}

AttuneHandoutLayout *
attune_handout_layout_new (AttuneHandout *handout)
{
  AttuneHandoutLayout *self = g_object_new (ATTUNE_TYPE_HANDOUT_LAYOUT, NULL);

  self->handout = g_object_ref (handout);
  return self;
}

static void
unref_nullable (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static const char *
font_for (AttuneBlockKind kind)
{
  switch (kind)
    {
    case ATTUNE_BLOCK_TITLE:
      return "Sans Bold 20";
    case ATTUNE_BLOCK_HEADING:
      return "Sans Bold 14";
    case ATTUNE_BLOCK_SUBHEADING:
      return "Sans Bold 11";
    case ATTUNE_BLOCK_QUOTE:
      return "Serif Italic 11";
    case ATTUNE_BLOCK_NOTE:
      return "Sans 9";
    case ATTUNE_BLOCK_PARAGRAPH:
    case ATTUNE_BLOCK_BULLET:
    case ATTUNE_BLOCK_NUMBERED:
    default:
      return "Sans 10.5";
    }
}

/* Space above a block, in points. */
static double
space_before (AttuneBlockKind kind)
{
  switch (kind)
    {
    case ATTUNE_BLOCK_TITLE:
      return 0;
    case ATTUNE_BLOCK_HEADING:
      return 18;
    case ATTUNE_BLOCK_SUBHEADING:
      return 10;
    case ATTUNE_BLOCK_NOTE:
      return 3;
    case ATTUNE_BLOCK_BULLET:
    case ATTUNE_BLOCK_NUMBERED:
      return 4;
    case ATTUNE_BLOCK_PARAGRAPH:
    case ATTUNE_BLOCK_QUOTE:
    default:
      return 7;
    }
}

static gboolean
is_heading (AttuneBlockKind kind)
{
  return kind == ATTUNE_BLOCK_TITLE || kind == ATTUNE_BLOCK_HEADING || kind == ATTUNE_BLOCK_SUBHEADING;
}

static PangoLayout *
make_layout (AttuneHandoutLayout *self,
             const char          *font,
             const char          *text,
             double               width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* The height of line @line of @layout and its baseline from its top. */
static void
line_extents (PangoLayout *layout,
              guint        line,
              double      *height,
              double      *baseline)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  PangoRectangle logical;
  int top;

  for (guint i = 0; i < line; i++)
    pango_layout_iter_next_line (iter);
  pango_layout_iter_get_line_extents (iter, NULL, &logical);
  top = logical.y;
  *height = logical.height / (double) PANGO_SCALE;
  *baseline = (pango_layout_iter_get_baseline (iter) - top) / (double) PANGO_SCALE;
  pango_layout_iter_free (iter);
}

static double
block_height (PangoLayout *layout,
              guint        max_lines)
{
  double total = 0, height, baseline;
  guint n = MIN ((guint) pango_layout_get_line_count (layout), max_lines);

  for (guint i = 0; i < n; i++)
    {
      line_extents (layout, i, &height, &baseline);
      total += height;
    }
  return total;
}

/**
 * attune_handout_layout_paginate:
 * @cr: the context the pages will be drawn on, its unit the point
 * @width: @height: the page, in points
 * @margin: kept clear on every side, in points
 *
 * Lays the handout out on pages. Returns: how many
 */
guint
attune_handout_layout_paginate (AttuneHandoutLayout *self,
                                cairo_t             *cr,
                                double               width,
                                double               height,
                                double               margin)
{
  GPtrArray *blocks = attune_handout_get_blocks (self->handout);
  double top = margin + HEADER_SPACE;
  double bottom = height - margin - FOOTER_SPACE;
  double y = top;
  guint page = 0;
  gboolean page_empty = TRUE;

  self->width = width;
  self->height = height;
  self->margin = margin;
  g_clear_object (&self->context);
  self->context = pango_cairo_create_context (cr);
  /* One Pango unit a point, whatever the surface's resolution. */
  pango_cairo_context_set_resolution (self->context, 72);
  g_clear_pointer (&self->layouts, g_ptr_array_unref);
  g_clear_pointer (&self->markers, g_ptr_array_unref);
  self->layouts = g_ptr_array_new_with_free_func (g_object_unref);
  self->markers = g_ptr_array_new_with_free_func (unref_nullable);
  g_array_set_size (self->lines, 0);

  for (guint b = 0; b < blocks->len; b++)
    {
      AttuneHandoutBlock *block = g_ptr_array_index (blocks, b);
      double indent = block->indent * INDENT_STEP;
      double text_x = margin + indent;
      PangoLayout *marker = NULL;
      PangoLayout *layout;
      guint n_lines;
      double needed;

      if (block->marker != NULL)
        {
          int marker_width;

          marker = make_layout (self, block->kind == ATTUNE_BLOCK_BULLET || block->kind == ATTUNE_BLOCK_NUMBERED
                                      ? "Sans Bold 10.5" : "Sans Bold 9", block->marker, -1);
          pango_layout_get_pixel_size (marker, &marker_width, NULL);
          text_x += MAX (marker_width + MARKER_GAP, block->kind == ATTUNE_BLOCK_NUMBERED ? 20 : 14);
        }
      layout = make_layout (self, font_for (block->kind), block->text, width - margin - text_x);
      g_ptr_array_add (self->layouts, layout);
      g_ptr_array_add (self->markers, marker);
      n_lines = pango_layout_get_line_count (layout);

      if (!page_empty)
        y += space_before (block->kind);
      /* A heading keeps its own lines and two of the next block's with it. */
      needed = block_height (layout, is_heading (block->kind) ? n_lines : 2);
      if (is_heading (block->kind) && b + 1 < blocks->len)
        needed += 2 * 14 + 8;
      /* An item keeps what is nested under it, such as a reply under its line. */
      else if (b + 1 < blocks->len && n_lines <= 6 &&
               ((AttuneHandoutBlock *) g_ptr_array_index (blocks, b + 1))->indent > block->indent)
        needed = block_height (layout, n_lines) + 2 * 14 + 4;
      if (!page_empty && y + needed > bottom)
        {
          page++;
          y = top;
        }

      for (guint i = 0; i < n_lines; i++)
        {
          PlacedLine placed;
          double line_height, baseline;

          line_extents (layout, i, &line_height, &baseline);
          if (y + line_height > bottom && !(page_empty && i == 0))
            {
              page++;
              y = top;
            }
          placed.page = page;
          placed.block = b;
          placed.line = i;
          placed.x = text_x;
          placed.baseline = y + baseline;
          g_array_append_val (self->lines, placed);
          y += line_height;
          page_empty = FALSE;
        }
      if (block->kind == ATTUNE_BLOCK_TITLE)
        y += 4;
    }
  self->n_pages = page + 1;
  return self->n_pages;
}

guint
attune_handout_layout_get_n_pages (AttuneHandoutLayout *self)
{
  return self->n_pages;
}

static void
show_text_at (AttuneHandoutLayout *self,
              cairo_t             *cr,
              const char          *font,
              const char          *text,
              double               x,
              double               y,
              gboolean             centred)
{
  g_autoptr(PangoLayout) layout = make_layout (self, font, text, -1);
  int text_width;

  pango_layout_get_pixel_size (layout, &text_width, NULL);
  cairo_move_to (cr, centred ? x - text_width / 2.0 : x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Draws page @page (from 0) on @cr, as paginated. */
void
attune_handout_layout_draw_page (AttuneHandoutLayout *self,
                                 cairo_t             *cr,
                                 guint                page)
{
  GPtrArray *blocks = attune_handout_get_blocks (self->handout);
  /* Translators: at the foot of each printed page */
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);

  g_return_if_fail (self->context != NULL);
  pango_cairo_update_context (cr, self->context);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  /* The running title and a rule under it; the page number at the foot. */
  if (page > 0)
    {
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      show_text_at (self, cr, "Sans 8.5", attune_handout_get_title (self->handout), self->margin, self->margin, FALSE);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, self->margin, self->margin + 16);
      cairo_line_to (cr, self->width - self->margin, self->margin + 16);
      cairo_stroke (cr);
    }
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  show_text_at (self, cr, "Sans 8.5", number, self->width / 2, self->height - self->margin - 10, TRUE);

  for (guint i = 0; i < self->lines->len; i++)
    {
      PlacedLine *placed = &g_array_index (self->lines, PlacedLine, i);
      AttuneHandoutBlock *block = g_ptr_array_index (blocks, placed->block);
      PangoLayout *layout = g_ptr_array_index (self->layouts, placed->block);
      PangoLayout *marker = g_ptr_array_index (self->markers, placed->block);

      if (placed->page != page)
        continue;
      pango_layout_context_changed (layout);
      cairo_set_source_rgb (cr, block->kind == ATTUNE_BLOCK_NOTE ? 0.3 : 0, block->kind == ATTUNE_BLOCK_NOTE ? 0.3 : 0,
                            block->kind == ATTUNE_BLOCK_NOTE ? 0.3 : 0);
      if (placed->line == 0 && marker != NULL)
        {
          cairo_move_to (cr, self->margin + block->indent * INDENT_STEP, placed->baseline);
          pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (marker, 0));
        }
      if (placed->line == 0 && block->kind == ATTUNE_BLOCK_QUOTE)
        {
          /* A bar beside what the customer says: it is not the trainer's text. */
          cairo_rectangle (cr, placed->x - 9, placed->baseline - 10,
                           2, block_height (layout, G_MAXUINT));
          cairo_fill (cr);
        }
      cairo_move_to (cr, placed->x, placed->baseline);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (layout, placed->line));
      if (block->kind == ATTUNE_BLOCK_HEADING && placed->line + 1 == (guint) pango_layout_get_line_count (layout))
        {
          cairo_set_line_width (cr, 0.75);
          cairo_move_to (cr, placed->x, placed->baseline + 5);
          cairo_line_to (cr, self->width - self->margin, placed->baseline + 5);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}

/**
 * attune_handout_write_pdf:
 * @n_pages: (out) (optional): how many pages were written
 *
 * Writes @handout to @path as an A4 PDF, with no display needed.
 */
gboolean
attune_handout_write_pdf (AttuneHandout *handout,
                          const char    *path,
                          guint         *n_pages,
                          GError       **error)
{
  g_autoptr(AttuneHandoutLayout) self = attune_handout_layout_new (handout);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, ATTUNE_PAGE_WIDTH, ATTUNE_PAGE_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;
  guint pages;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, attune_handout_get_title (handout));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Attune");
  pages = attune_handout_layout_paginate (self, cr, ATTUNE_PAGE_WIDTH, ATTUNE_PAGE_HEIGHT, ATTUNE_PAGE_MARGIN);
  for (guint i = 0; i < pages; i++)
    {
      attune_handout_layout_draw_page (self, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      /* Translators: the first %s is a file name, the second why it could not be written */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  if (n_pages != NULL)
    *n_pages = pages;
  return TRUE;
}
