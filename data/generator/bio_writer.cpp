// BioWriter: sentence templates with variation (see bio_writer.h).
#include "bio_writer.h"

#include <cctype>

namespace rapport::generator {
namespace {

// Labels that start with a proper name keep their capital inside a sentence.
const char* const kProperNameValues[] = {"gottman", "ifs"};
// Facets whose labels are names (languages, states) and are never lower-cased.
const char* const kNameFacets[] = {"language", "state"};

std::string Label(const Catalog& catalog, const std::string& facet, const std::string& value) {
  for (const auto& entry : catalog.Facet(facet)) {
    if (entry.value == value) return entry.label;
  }
  return value;
}

// "Grief and loss" -> "grief and loss", "Trauma-focused CBT" -> "trauma-focused CBT";
// "ADHD", "LGBTQ+ issues" and "Spanish" unchanged.
std::string InSentence(const Catalog& catalog, const std::string& facet, const std::string& value,
                       bool drop_parenthesis = false) {
  std::string label = Label(catalog, facet, value);
  if (drop_parenthesis) {
    const size_t open = label.find(" (");
    if (open != std::string::npos) label.erase(open);
  }
  for (const char* proper : kProperNameValues) {
    if (value == proper) return label;
  }
  for (const char* names : kNameFacets) {
    if (facet == names) return label;
  }
  // An acronym as the first word keeps its capitals.
  for (size_t i = 1; i < label.size() && label[i] != ' ' && label[i] != '-'; ++i) {
    if (std::isupper(static_cast<unsigned char>(label[i]))) return label;
  }
  if (!label.empty()) {
    label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
  }
  return label;
}

// "a", "a and b", "a, b and c".
std::string JoinList(const std::vector<std::string>& items) {
  std::string text;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += i + 1 == items.size() ? " and " : ", ";
    text += items[i];
  }
  return text;
}

std::string Phrases(const Catalog& catalog, const std::string& facet,
                    const std::vector<std::string>& values, size_t limit,
                    bool drop_parenthesis = false) {
  std::vector<std::string> phrases;
  for (size_t i = 0; i < values.size() && i < limit; ++i) {
    phrases.push_back(InSentence(catalog, facet, values[i], drop_parenthesis));
  }
  return JoinList(phrases);
}

std::string WithArticle(const std::string& noun) {
  const char first = static_cast<char>(std::tolower(static_cast<unsigned char>(noun[0])));
  const bool vowel = first == 'a' || first == 'e' || first == 'i' || first == 'o' || first == 'u';
  return (vowel ? "an " : "a ") + noun;
}

std::string Where(const Catalog& catalog, const Profile& profile) {
  if (!profile.offices.empty()) {
    const Office& office = profile.offices.front();
    return "in " + office.city + ", " + catalog.state_names.at(office.state);
  }
  std::vector<std::string> states;
  for (const auto& license : profile.licenses)
    states.push_back(catalog.state_names.at(license.state));
  return states.empty() ? "online" : "online across " + JoinList(states);
}

std::string Opening(Prng& prng, const Catalog& catalog, const Profile& profile) {
  const std::string profession = InSentence(catalog, "profession", profile.profession);
  const std::string who = Phrases(catalog, "population", profile.populations, 2, true);
  switch (prng.Below(4)) {
    case 0:
      return "I am " + WithArticle(profession) + " seeing clients " + Where(catalog, profile) + ".";
    case 1:
      return "I have worked with " + who + " as " + WithArticle(profession) + " for " +
             std::to_string(prng.Between(3, 30)) + " years.";
    case 2:
      return "As " + WithArticle(profession) + " practicing " + Where(catalog, profile) +
             ", I help " + who + " who are dealing with " +
             Phrases(catalog, "specialty", profile.specialties, 2) + ".";
    default:
      return "I am " + WithArticle(profession) +
             ", and I believe change is possible at any stage of life.";
  }
}

std::string FocusSentence(Prng& prng, const Catalog& catalog, const Profile& profile) {
  const std::string focus = Phrases(catalog, "specialty", profile.specialties, 3);
  switch (prng.Below(3)) {
    case 0:
      return "My work focuses on " + focus + ".";
    case 1:
      return "Clients often come to me for help with " + focus + ".";
    default:
      if (profile.specialties.size() > 3) {
        return "I specialize in " + focus + ", and I also see clients facing " +
               InSentence(catalog, "specialty", profile.specialties[3]) + ".";
      }
      return "I specialize in " + focus + ".";
  }
}

std::string ApproachSentence(Prng& prng, const Catalog& catalog, const Profile& profile) {
  const auto& modalities = profile.modalities;
  if (modalities.size() >= 2 && prng.Chance(0.4)) {
    return "My approach combines " + InSentence(catalog, "modality", modalities[0]) + " with " +
           InSentence(catalog, "modality", modalities[1]) + ".";
  }
  const std::string methods = Phrases(catalog, "modality", modalities, 3);
  return prng.Chance(0.5) ? "In sessions I draw on " + methods + "."
                          : "I am trained in " + methods +
                                " and tailor each session to the person in front of me.";
}

std::string PracticalSentence(Prng& prng, const Catalog& catalog, const Profile& profile) {
  if (profile.languages.size() > 1 && prng.Chance(0.5)) {
    return "Sessions are available in " + Phrases(catalog, "language", profile.languages, 3, true) +
           ".";
  }
  if (profile.telehealth && !profile.telehealth->modes.empty() && prng.Chance(0.5)) {
    return std::string(profile.offices.empty() ? "All sessions take place by "
                                               : "Besides office visits, I offer sessions by ") +
           Phrases(catalog, "mode", profile.telehealth->modes, 3) + ".";
  }
  if (profile.accepting_new_clients.has_value()) {
    return *profile.accepting_new_clients
               ? "I am currently accepting new clients."
               : "My practice is currently full, but you are welcome to join my waitlist.";
  }
  return "Together we will work toward the changes that matter most to you.";
}

}  // namespace

std::string WriteBio(Prng& prng, const Catalog& catalog, const Profile& profile) {
  std::string bio = Opening(prng, catalog, profile);
  bio += ' ' + FocusSentence(prng, catalog, profile);
  if (!profile.modalities.empty() && prng.Chance(0.8)) {
    bio += ' ' + ApproachSentence(prng, catalog, profile);
  }
  if (prng.Chance(0.6)) bio += ' ' + PracticalSentence(prng, catalog, profile);
  if (prng.Chance(0.3)) {
    const char* const kClosings[] = {
        "I offer a warm, collaborative space where you can be yourself.",
        "Reaching out is a brave first step, and I look forward to hearing from you.",
        "I value honesty, curiosity and humor in the therapy room.",
        "My goal is to help you build skills that last well beyond our sessions."};
    bio += ' ';
    bio += kClosings[prng.Below(4)];
  }
  return bio;
}

}  // namespace rapport::generator
