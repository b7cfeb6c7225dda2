/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target, structure-aware: the input bytes are the choices of a
 * generator that writes a scenario following the schema (ids, 2 to 4
 * replies, moods and weights in range, known strategies), so that almost
 * every input gets past the parser and the schema and exercises the lint,
 * the paths, the report and the conversation. Some choices make the
 * story's graph wrong on purpose (a missing link, a dead end, a loop, a
 * weight of 0, an unknown strategy) for the lint to find.
 */
#include "config.h"

#include <stdint.h>

#include <libxml/parser.h>

#include "fuzz-common.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef struct
{
  const uint8_t *data;
  size_t size, at;
} Bytes;

static guint
take (Bytes *b,
      guint  n)
{
  if (n == 0)
    return 0;
  return b->at < b->size ? b->data[b->at++] % n : 0;
}

static const char *strategies[] = {
  "active-listening", "acknowledge-the-impact", "reassure", "focus-on-solutions",
  "empower-the-customer", "follow-up", "situation-third-party", "language-and-tone",
  "no-such-strategy",
};

static const char *words[] = {
  "sorry", "I understand", "parcel", "refund", "today", "&amp;", "’", "“quote”", "Mr Kowalczyk",
  "I can see", "we’ll", "?", "engineer", "a very long phrase that makes this reply the longest of all",
};

static void
text (GString *out,
      Bytes   *b)
{
  guint n = 1 + take (b, 8);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", words[take (b, G_N_ELEMENTS (words))]);
}

static char *
generate (Bytes *b)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  static const char *situations[] = { "third-party", "our-responsibility", "personal-matter", "general" };
  static const char *outcomes[] = { "resolved", "partly-resolved", "escalated", "lost" };
  guint n_nodes = 1 + take (b, 10), n_endings = 1 + take (b, 4);

  g_string_append_printf (xml, "<scenario id=\"fuzz\" situation=\"%s\" difficulty=\"%u\" start=\"%s\" mood=\"%d\">\n",
                          situations[take (b, 4)], 1 + take (b, 3), take (b, 16) == 0 ? "end-0" : "n-0",
                          (int) take (b, 11) - 5);
  g_string_append (xml, "<title>");
  text (xml, b);
  g_string_append (xml, "</title><summary>S</summary><customer><name>N</name><about>A</about></customer>\n");
  g_string_append_printf (xml, "<practises strategy=\"%s\"/>\n", strategies[take (b, 4)]);
  for (guint i = 0; i < n_nodes; i++)
    {
      guint n_choices = 2 + take (b, 3);

      g_string_append_printf (xml, "<node id=\"n-%u\">", take (b, 32) == 0 ? 0 : i);
      if (take (b, 2))
        g_string_append (xml, "<cue>Cue.</cue>");
      g_string_append (xml, "<line>");
      text (xml, b);
      g_string_append (xml, "</line>\n");
      for (guint j = 0; j < n_choices; j++)
        {
          guint target = take (b, n_nodes + n_endings + 1);
          guint n_evidence = 1 + take (b, 3);
          g_autofree char *next = NULL;

          if (target < n_nodes)
            next = g_strdup_printf ("n-%u", target);
          else if (target < n_nodes + n_endings)
            next = g_strdup_printf ("end-%u", target - n_nodes);
          else
            next = g_strdup ("nowhere");
          g_string_append_printf (xml, "<choice next=\"%s\" mood=\"%d\"><reply>", next, (int) take (b, 11) - 5);
          text (xml, b);
          g_string_append (xml, "</reply><feedback>");
          text (xml, b);
          g_string_append (xml, "</feedback>");
          for (guint k = 0; k < n_evidence; k++)
            g_string_append_printf (xml, "<evidence strategy=\"%s\" weight=\"%d\"/>",
                                    strategies[take (b, G_N_ELEMENTS (strategies))], (int) take (b, 7) - 3);
          g_string_append (xml, "</choice>\n");
        }
      g_string_append (xml, "</node>\n");
    }
  for (guint i = 0; i < n_endings; i++)
    g_string_append_printf (xml, "<ending id=\"end-%u\" outcome=\"%s\"><debrief>D.</debrief></ending>\n",
                            i, outcomes[take (b, 4)]);
  g_string_append (xml, "</scenario>\n");
  return g_string_free (xml, FALSE);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  xmlInitParser ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  Bytes b = { data, size, 0 };
  g_autofree char *xml = generate (&b);

  attune_fuzz_load (xml, strlen (xml));
  return 0;
}
