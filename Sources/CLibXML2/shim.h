#ifndef MEDCONFORM_CLIBXML2_SHIM_H
#define MEDCONFORM_CLIBXML2_SHIM_H
// xmlversion.h first: it defines LIBXML_ICU_ENABLED, whose ICU headers clash with
// Foundation's copy of ICU, so it is undefined before any other libxml header is read.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlsave.h>
#endif
