// Owned fields and editor protection of the NPPES import.
#include "nppes_merge.h"

#include <algorithm>

#include "profile_json.h"

namespace rapport {
namespace {

void AddMissing(const std::vector<std::string>& values, std::vector<std::string>* list) {
  for (const auto& value : values) {
    if (std::find(list->begin(), list->end(), value) == list->end()) list->push_back(value);
  }
}

// One NPPES-owned top-level field: its name in revisions' changed_fields and
// how the row's value goes into a profile.
struct OwnedField {
  const char* name;
  void (*apply)(const Profile& from_row, Profile* profile);
};

const OwnedField kOwnedFields[] = {
    {"npi", [](const Profile& row, Profile* p) { p->npi = row.npi; }},
    {"name", [](const Profile& row, Profile* p) { p->name = row.name; }},
    {"credentials", [](const Profile& row, Profile* p) { p->credentials = row.credentials; }},
    {"profession", [](const Profile& row, Profile* p) { p->profession = row.profession; }},
    {"gender", [](const Profile& row, Profile* p) { p->gender = row.gender; }},
    {"offices", [](const Profile& row, Profile* p) { p->offices = row.offices; }},
    {"licenses", [](const Profile& row, Profile* p) { p->licenses = row.licenses; }},
    {"contact",
     [](const Profile& row, Profile* p) {
       Contact contact = p->contact.value_or(Contact{});
       contact.phone = row.contact ? row.contact->phone : "";
       const bool empty = contact.phone.empty() && contact.email.empty() &&
                          contact.website.empty() && contact.booking_url.empty();
       p->contact = empty ? std::nullopt : std::optional<Contact>(contact);
     }},
    {"specialties",
     [](const Profile& row, Profile* p) { AddMissing(row.specialties, &p->specialties); }},
    {"populations",
     [](const Profile& row, Profile* p) { AddMissing(row.populations, &p->populations); }},
    {"modalities",
     [](const Profile& row, Profile* p) { AddMissing(row.modalities, &p->modalities); }},
    {"session_formats",
     [](const Profile& row, Profile* p) { AddMissing(row.session_formats, &p->session_formats); }},
};

}  // namespace

NppesMerge MergeNppesFields(const Profile& current, const Profile& from_row,
                            const std::vector<Revision>& history) {
  NppesMerge merge;
  merge.profile = current;
  for (const auto& field : kOwnedFields) {
    if (!ChangedLastByOther(field.name, history, kNppesActor)) {
      field.apply(from_row, &merge.profile);
      continue;
    }
    Profile would_be = merge.profile;
    field.apply(from_row, &would_be);
    if (ToCanonicalJson(would_be) != ToCanonicalJson(merge.profile)) {
      merge.protected_fields_kept.push_back(field.name);
    }
  }
  return merge;
}

bool ChangedLastByOther(const std::string& field, const std::vector<Revision>& history,
                        const std::string& actor) {
  for (const auto& revision : history) {
    const auto& changed = revision.changed_fields;
    if (std::find(changed.begin(), changed.end(), field) != changed.end()) {
      return revision.actor != actor;
    }
  }
  return false;
}

bool UnpublishedByNppes(const std::vector<Revision>& history) {
  for (const auto& revision : history) {
    if (revision.action == "unpublish") return revision.actor == kNppesActor;
  }
  return false;
}

}  // namespace rapport
