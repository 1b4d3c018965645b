// ProfileGenerator: the contact block. Nothing in it can reach a real person:
// phone numbers use the 555-0100..0199 exchange range the NANP reserves for
// fiction, and web and email addresses live under the reserved top-level
// domain .example (RFC 2606).
#include <map>
#include <string>

#include "profile_generator.h"

namespace rapport::generator {
namespace {

// One long-standing area code per state (and DC), so a generated number
// looks local to the therapist's home state.
const std::map<std::string, std::string>& AreaCodes() {
  static const std::map<std::string, std::string> codes = {
      {"AL", "205"}, {"AK", "907"}, {"AZ", "602"}, {"AR", "501"}, {"CA", "510"}, {"CO", "303"},
      {"CT", "203"}, {"DE", "302"}, {"DC", "202"}, {"FL", "305"}, {"GA", "404"}, {"HI", "808"},
      {"ID", "208"}, {"IL", "312"}, {"IN", "317"}, {"IA", "515"}, {"KS", "316"}, {"KY", "502"},
      {"LA", "504"}, {"ME", "207"}, {"MD", "410"}, {"MA", "617"}, {"MI", "313"}, {"MN", "612"},
      {"MS", "601"}, {"MO", "314"}, {"MT", "406"}, {"NE", "402"}, {"NV", "702"}, {"NH", "603"},
      {"NJ", "201"}, {"NM", "505"}, {"NY", "212"}, {"NC", "704"}, {"ND", "701"}, {"OH", "614"},
      {"OK", "405"}, {"OR", "503"}, {"PA", "215"}, {"RI", "401"}, {"SC", "803"}, {"SD", "605"},
      {"TN", "615"}, {"TX", "512"}, {"UT", "801"}, {"VT", "802"}, {"VA", "804"}, {"WA", "206"},
      {"WV", "304"}, {"WI", "414"}, {"WY", "307"}};
  return codes;
}
// For a state missing above: a toll-free code, valid everywhere.
constexpr char kTollFreeAreaCode[] = "800";
// The fictional line numbers 0100..0199 of exchange 555.
constexpr int kFictionalLinesFirst = 100;
constexpr int kFictionalLinesLast = 199;

const char* const kPracticeWords[] = {"therapy", "counseling", "psychotherapy", "wellness"};
const char* const kMailboxes[] = {"hello", "intake", "office"};

// "Maria O'Neil-Díaz" → "mariaoneildaz": the ASCII letters of a name, lower case.
std::string NameSlug(const std::string& name) {
  std::string slug;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') slug += static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') slug += c;
  }
  return slug;
}

std::string HomeState(const Profile& profile) {
  if (!profile.offices.empty()) return profile.offices.front().state;
  return profile.licenses.empty() ? std::string() : profile.licenses.front().state;
}

}  // namespace

void ProfileGenerator::AddContact(Prng& prng, Profile* profile) const {
  if (prng.Chance(config_.contact_absent)) return;
  Contact contact;
  if (prng.Chance(config_.contact_phone)) {
    const auto area = AreaCodes().find(HomeState(*profile));
    const std::string area_code = area == AreaCodes().end() ? kTollFreeAreaCode : area->second;
    contact.phone = "+1" + area_code + "5550" +
                    std::to_string(prng.Between(kFictionalLinesFirst, kFictionalLinesLast));
  }
  const std::string domain =
      NameSlug(profile->name) + kPracticeWords[prng.Below(std::size(kPracticeWords))] + ".example";
  const bool website = prng.Chance(config_.contact_website);
  if (website) contact.website = "https://www." + domain;
  if (prng.Chance(website ? config_.contact_booking_with_website
                          : config_.contact_booking_without_website)) {
    contact.booking_url = "https://www." + domain + "/book";
  }
  // Someone who gives no other way gives an email address.
  const bool other_way = !contact.phone.empty() || website || !contact.booking_url.empty();
  if (prng.Chance(config_.contact_email) || !other_way) {
    contact.email = std::string(kMailboxes[prng.Below(std::size(kMailboxes))]) + "@" + domain;
  }
  profile->contact = std::move(contact);
}

}  // namespace rapport::generator
