// Checks of contact values: phone numbers through libphonenumber, email
// addresses and https URLs by their syntax (contact_checks.h).
#include "contact_checks.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>

namespace rapport {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// Numbers written without a country code are read as NANP (US, Canada and
// the Caribbean share +1): the directory is for US clients.
constexpr char kDefaultRegion[] = "US";
constexpr int kNanpCountryCode = 1;
constexpr size_t kEmailLocalMaxChars = 64;  // RFC 5321
constexpr size_t kDomainLabelMaxChars = 63;
constexpr int kMaxPort = 65535;
constexpr std::string_view kHttpsScheme = "https://";

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// A DNS name of at least two labels (letters, digits, inner hyphens) whose
// last label is not all digits, so an IPv4 address is not one.
bool IsDomainName(std::string_view host) {
  size_t labels = 0;
  std::string_view last;
  while (true) {
    const size_t dot = host.find('.');
    const std::string_view label = host.substr(0, dot);
    if (label.empty() || label.size() > kDomainLabelMaxChars) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!IsAsciiLetter(c) && !IsAsciiDigit(c) && c != '-') return false;
    }
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
  }
  return labels >= 2 && !std::all_of(last.begin(), last.end(), IsAsciiDigit);
}

bool IsEmailLocalChar(char c) {
  return IsAsciiLetter(c) || IsAsciiDigit(c) ||
         std::string_view("!#$%&'*+/=?^_`{|}~.-").find(c) != std::string_view::npos;
}

// Printable ASCII a URL may carry as is; the rest must be percent-encoded.
// Backslash is out because browsers read it as "/" in https URLs (so
// "https://a.org\@b.org" would not go where it seems to).
bool IsUrlChar(char c) {
  return c > ' ' && c < 0x7F && std::string_view("\\<>\"`{}|^").find(c) == std::string_view::npos;
}

}  // namespace

std::string NormalizePhone(std::string_view text, size_t max_chars, std::string* e164) {
  if (text.size() > max_chars) {
    return "is longer than " + std::to_string(max_chars) + " characters";
  }
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.ParseAndKeepRawInput(std::string(text), kDefaultRegion, &number) !=
      PhoneNumberUtil::NO_PARSING_ERROR) {
    return "is not a phone number; write a US number like (510) 555-0142 or another "
           "country's with + and its country code";
  }
  if (number.has_extension()) return "must not have an extension; give a direct number";
  if (number.country_code() != kNanpCountryCode &&
      number.country_code_source() != PhoneNumber::FROM_NUMBER_WITH_PLUS_SIGN) {
    return "a number outside the US, Canada and the Caribbean must start with + and its "
           "country code";
  }
  if (!util.IsValidNumber(number)) {
    return number.country_code() == kNanpCountryCode
               ? "is not a valid US (NANP) number: 10 digits, area code and exchange not "
                 "starting with 0 or 1"
               : "is not a valid number for its country code";
  }
  util.Format(number, PhoneNumberUtil::E164, e164);
  return {};
}

std::string CheckEmail(std::string_view email, size_t max_chars) {
  if (email.size() > max_chars) {
    return "is longer than " + std::to_string(max_chars) + " characters";
  }
  const size_t at = email.rfind('@');
  if (at == std::string_view::npos) return "expected an email address like name@example.org";
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  if (local.empty() || local.size() > kEmailLocalMaxChars) {
    return "the part before @ must have 1 to " + std::to_string(kEmailLocalMaxChars) +
           " characters";
  }
  if (!std::all_of(local.begin(), local.end(), IsEmailLocalChar)) {
    return "the part before @ may contain only letters, digits and !#$%&'*+/=?^_`{|}~.-";
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return "the part before @ must not start or end with a dot or have two in a row";
  }
  if (!IsDomainName(domain)) return "the part after @ must be a domain name like example.org";
  return {};
}

std::string NormalizeHttpsUrl(std::string_view url, size_t max_chars, std::string* normalized) {
  if (url.size() > max_chars) return "is longer than " + std::to_string(max_chars) + " characters";
  if (url.size() < kHttpsScheme.size() ||
      !std::equal(kHttpsScheme.begin(), kHttpsScheme.end(), url.begin(),
                  [](char want, char got) { return want == Lower(got); })) {
    return "must be an https:// address";
  }
  if (!std::all_of(url.begin(), url.end(), IsUrlChar)) {
    return "may contain only printable ASCII without spaces or \\ < > \" ` { } | ^ "
           "(percent-encode the rest)";
  }
  const std::string_view rest = url.substr(kHttpsScheme.size());
  const size_t authority_end = std::min(rest.find_first_of("/?#"), rest.size());
  const std::string_view authority = rest.substr(0, authority_end);
  if (authority.find('@') != std::string_view::npos) {
    return "must not contain a user name or password";
  }
  const size_t colon = authority.find(':');
  const std::string_view host = authority.substr(0, colon);
  if (!IsDomainName(host)) return "must name a host like example.org";
  if (colon != std::string_view::npos) {
    const std::string_view port = authority.substr(colon + 1);
    const bool digits = !port.empty() && port.size() <= std::to_string(kMaxPort).size() &&
                        std::all_of(port.begin(), port.end(), IsAsciiDigit);
    if (!digits || std::stoi(std::string(port)) == 0 || std::stoi(std::string(port)) > kMaxPort) {
      return "has a port that is not a number from 1 to " + std::to_string(kMaxPort);
    }
  }
  std::string out(kHttpsScheme);
  for (char c : authority) out += Lower(c);
  out += rest.substr(authority_end);
  *normalized = std::move(out);
  return {};
}

}  // namespace rapport
