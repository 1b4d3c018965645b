// BioWriter: sentence templates with variation (see bio_writer.h).
#include "bio_writer.h"

#include <cctype>
#include <cmath>
#include <utility>
#include <vector>

namespace rapport::generator {
namespace {

// Labels that start with a proper name keep their capital inside a sentence.
const char* const kProperNameValues[] = {"gottman", "ifs"};
// Facets whose labels are names (languages, states) and are never lower-cased.
const char* const kNameFacets[] = {"language", "state", "insurance"};

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

const char* const kClosings[] = {
    "I offer a warm, collaborative space where you can be yourself.",
    "Reaching out is a brave first step, and I look forward to hearing from you.",
    "I value honesty, curiosity and humor in the therapy room.",
    "My goal is to help you build skills that last well beyond our sessions."};

// The generator's earlier bio: two to five sentences, the short outliers.
std::string ShortBio(Prng& prng, const Catalog& catalog, const Profile& profile) {
  std::string bio = Opening(prng, catalog, profile);
  bio += ' ' + FocusSentence(prng, catalog, profile);
  if (!profile.modalities.empty() && prng.Chance(0.8)) {
    bio += ' ' + ApproachSentence(prng, catalog, profile);
  }
  if (prng.Chance(0.6)) bio += ' ' + PracticalSentence(prng, catalog, profile);
  if (prng.Chance(0.3)) {
    bio += ' ';
    bio += kClosings[prng.Below(std::size(kClosings))];
  }
  return bio;
}

// Sentences of a paragraph about the profile's own facts: one template per
// fact, taken in turn from a random start in `templates` (so neighbouring facts
// read differently), where "%" stands for the label.
void AddFactSentences(Prng& prng, const Catalog& catalog, const std::string& facet,
                      const std::vector<std::string>& values,
                      const std::vector<const char*>& templates,
                      std::vector<std::string>* sentences) {
  const size_t start = prng.Below(templates.size());
  for (size_t i = 0; i < values.size(); ++i) {
    const auto& value = values[i];
    std::string sentence = templates[(start + i) % templates.size()];
    sentence.replace(sentence.find('%'), 1, InSentence(catalog, facet, value, true));
    sentences->push_back(std::move(sentence));
  }
}

void AddGeneric(const std::vector<const char*>& generic, std::vector<std::string>* sentences) {
  for (const char* sentence : generic) sentences->push_back(sentence);
}

void Shuffle(Prng& prng, std::vector<std::string>* items) {
  for (size_t i = items->size(); i > 1; --i) std::swap((*items)[i - 1], (*items)[prng.Below(i)]);
}

size_t CountWords(const std::string& text) {
  size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// `lead`, then the facts in random order, then generic sentences in random
// order, stopping once the paragraph holds `aim` words.
std::string Paragraph(Prng& prng, std::string lead, std::vector<std::string> facts,
                      std::vector<std::string> generic, size_t aim) {
  Shuffle(prng, &facts);
  Shuffle(prng, &generic);
  facts.insert(facts.end(), generic.begin(), generic.end());
  std::string paragraph = std::move(lead);
  size_t words = CountWords(paragraph);
  for (const auto& sentence : facts) {
    if (words >= aim) break;
    paragraph += ' ' + sentence;
    words += CountWords(sentence);
  }
  return paragraph;
}

std::string WhoParagraph(Prng& prng, const Catalog& catalog, const Profile& profile, size_t aim) {
  std::vector<std::string> facts;
  AddFactSentences(prng, catalog, "population", profile.populations,
                   {"Much of my work is with %.", "I especially enjoy working with %.",
                    "A large part of my practice is %, and I adapt my style to each of them."},
                   &facts);
  AddFactSentences(
      prng, catalog, "specialty", profile.specialties,
      {"People who come to me with % often feel alone with it, and I want them to know they "
       "are not.",
       "I have extra training in working with %.",
       "When % gets in the way of daily life, therapy can help you find steadier ground.",
       "Over the years I have seen many clients make real progress with %."},
      &facts);
  std::vector<std::string> generic;
  AddGeneric({"Some clients arrive in the middle of a crisis; others simply feel stuck and want "
              "something to change.",
              "Whatever brings you here, you do not need to have the right words for it yet.",
              "Many of the people I see are juggling work, family and their own needs, and "
              "feel they have nothing left for themselves.",
              "I see people from many backgrounds, cultures and walks of life.",
              "You might be facing a recent loss, a long-standing pattern, or a feeling you "
              "cannot quite name.",
              "Often the people who find their way to me have tried to handle things alone "
              "for a long time."},
             &generic);
  std::string lead = Opening(prng, catalog, profile) + ' ' + FocusSentence(prng, catalog, profile);
  return Paragraph(prng, std::move(lead), std::move(facts), std::move(generic), aim);
}

std::string HowParagraph(Prng& prng, const Catalog& catalog, const Profile& profile, size_t aim) {
  std::vector<std::string> facts;
  AddFactSentences(
      prng, catalog, "modality", profile.modalities,
      {"I often use % to help clients build practical skills.", "Where it fits, I bring in %.",
       "My training in % shapes how I listen and what I suggest between sessions."},
      &facts);
  std::vector<std::string> generic;
  AddGeneric({"Our first sessions are about getting to know you and what you hope will change.",
              "Together we set goals that are meaningful to you and revisit them as we go.",
              "I see therapy as a partnership: you are the expert on your own life.",
              "I pay close attention to the relationship between us, because feeling safe "
              "matters more than any technique.",
              "Sessions are a mix of talking things through and trying out new ways of "
              "responding.",
              "I may suggest small experiments to try between sessions, but there is never "
              "any pressure.",
              "I draw on research about what works while keeping the focus on your own "
              "story.",
              "We will move at a pace that feels right for you."},
             &generic);
  std::string lead = profile.modalities.empty() ? std::string("My approach is practical and warm.")
                                                : ApproachSentence(prng, catalog, profile);
  return Paragraph(prng, std::move(lead), std::move(facts), std::move(generic), aim);
}

std::string PracticalParagraph(Prng& prng, const Catalog& catalog, const Profile& profile,
                               size_t aim) {
  std::vector<std::string> facts;
  if (profile.languages.size() > 1) {
    facts.push_back("Sessions are available in " +
                    Phrases(catalog, "language", profile.languages, 3, true) + ".");
  }
  for (const auto& office : profile.offices) {
    facts.push_back("My office is in " + office.city + ", " + catalog.state_names.at(office.state) +
                    ".");
  }
  if (profile.telehealth && !profile.telehealth->modes.empty()) {
    facts.push_back("I also offer sessions by " +
                    Phrases(catalog, "mode", profile.telehealth->modes, 3) + ".");
  }
  if (!profile.insurance.empty()) {
    facts.push_back("I am in network with " + Phrases(catalog, "insurance", profile.insurance, 4) +
                    ", and I can provide a superbill for other plans.");
  }
  if (profile.fee && profile.fee->min) {
    facts.push_back("My fee starts at $" + std::to_string(*profile.fee->min) + " per session.");
  }
  if (profile.fee && profile.fee->sliding_scale.value_or(false)) {
    facts.push_back("I keep a few sliding-scale spots for clients who need them.");
  }
  if (profile.accepting_new_clients.has_value()) {
    facts.push_back(*profile.accepting_new_clients
                        ? "I am currently accepting new clients."
                        : "My practice is currently full, but you are welcome to join my "
                          "waitlist.");
  }
  std::vector<std::string> generic;
  AddGeneric({"I offer a free 15-minute phone consultation so we can see whether we are a "
              "good fit.",
              "Sessions last 50 minutes, usually once a week at first.",
              "I offer some early morning and evening times for people who work during the "
              "day.",
              "If I am not the right fit, I am glad to help you find someone who is."},
             &generic);
  for (const char* closing : kClosings) generic.push_back(closing);
  std::string lead = "A few practical details.";
  return Paragraph(prng, std::move(lead), std::move(facts), std::move(generic), aim);
}

}  // namespace

std::string WriteBio(Prng& prng, const Catalog& catalog, const Profile& profile,
                     const BioShape& shape) {
  if (shape.style == BioStyle::kShort || prng.Chance(shape.short_outlier)) {
    return ShortBio(prng, catalog, profile);
  }
  const double aim =
      shape.min_words + (shape.max_words - shape.min_words) * std::pow(prng.Unit(), shape.skew);
  const auto who = static_cast<size_t>(aim * shape.who_share);
  const auto how = static_cast<size_t>(aim * shape.how_share);
  const auto practical = static_cast<size_t>(aim) - who - how;
  return WhoParagraph(prng, catalog, profile, who) + "\n\n" +
         HowParagraph(prng, catalog, profile, how) + "\n\n" +
         PracticalParagraph(prng, catalog, profile, practical);
}

}  // namespace rapport::generator
