/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: any bytes, as a lesson or scenario file. Seeded with
 * the shipped content and a dictionary made from the schemas (see
 * `build-aux/dev fuzz`).
 */
#include "config.h"

#include <stdint.h>

#include <libxml/parser.h>

#include "fuzz-common.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

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
  attune_fuzz_load ((const char *) data, size);
  return 0;
}
