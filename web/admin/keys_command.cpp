// `rapport-admin keys create|list|revoke|rotate`: partner API keys.
// The key text is printed once, on create and rotate; only its hash is kept.
#include <cstdlib>

#include "admin_commands.h"
#include "api_keys.h"
#include "data_dir.h"
#include "key_policy.h"
#include "vocabulary.h"

namespace rapport {
namespace {

constexpr const char* kKeysUsage =
    "usage: rapport-admin keys create --partner NAME [--rate N/s] [--burst N] "
    "[--filter FACET=VALUE ...]\n"
    "                                 [--search-only --origin https://SITE ...] "
    "[--expires YYYY-MM-DD]\n"
    "       rapport-admin keys list | revoke PREFIX | rotate PREFIX\n"
    "filters: state=CA (only therapists licensed in CA) or a facet, e.g. modality=cbt\n"
    "--search-only: a browser-safe key for a web page: only from its --origin sites, only\n"
    "  search, suggest, profiles and vocab; --expires: it stops working after that day (UTC)\n";

int Fail(const AdminContext& context, const Error& error) {
  context.err << "rapport-admin keys: " << error.message << "\n";
  return ExitCodeFor(error);
}

// "10", "10/s" or "2.5/s" requests per second.
bool ParseRate(std::string text, double* rate) {
  if (text.size() > 2 && text.compare(text.size() - 2, 2, "/s") == 0) text.resize(text.size() - 2);
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !(value > 0)) return false;
  *rate = value;
  return true;
}

int Create(const AdminContext& context, const std::vector<std::string>& args) {
  NewKey key;
  std::vector<std::string> filter_specs;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "--partner" && has_value) {
      key.partner = args[++i];
    } else if (arg == "--rate" && has_value) {
      if (!ParseRate(args[++i], &key.rate_per_second)) {
        return Fail(context, Error::BadParameter("--rate", "rate must look like 10/s"));
      }
    } else if (arg == "--burst" && has_value) {
      char* end = nullptr;
      const long burst = std::strtol(args[++i].c_str(), &end, 10);
      if (*end != '\0' || burst < 1 || burst > 1000000) {
        return Fail(context, Error::BadParameter("--burst", "burst must be a positive integer"));
      }
      key.burst = static_cast<int>(burst);
    } else if (arg == "--filter" && has_value) {
      filter_specs.push_back(args[++i]);
    } else if (arg == "--search-only") {
      key.search_only = true;
    } else if (arg == "--origin" && has_value) {
      auto origin = ParseKeyOrigin(args[++i]);
      if (!origin) return Fail(context, origin.error());
      key.origins.push_back(std::move(origin.value()));
    } else if (arg == "--expires" && has_value) {
      auto expires = ParseKeyExpiry(args[++i]);
      if (!expires) return Fail(context, expires.error());
      key.expires_at = std::move(expires.value());
    } else {
      context.err << kKeysUsage;
      return kExitUsage;
    }
  }
  if (key.partner.empty()) {
    context.err << kKeysUsage;
    return kExitUsage;
  }
  auto vocabulary = Vocabulary::Load(DefaultDataFilesDir() + "/vocab.json");
  if (!vocabulary) return Fail(context, vocabulary.error());
  auto filters = ParseKeyFilters(filter_specs, vocabulary.value());
  if (!filters) return Fail(context, filters.error());
  key.filters = std::move(filters.value());
  auto store = KeyStore::Open(context.data_dir.StorePath());
  if (!store) return Fail(context, store.error());
  auto created = store.value()->Create(key);
  if (!created) return Fail(context, created.error());
  context.out << created.value() << "\n";
  context.err << "Store this key now: it cannot be shown again.\n";
  return kExitOk;
}

std::string FiltersText(const KeyFilters& filters) {
  std::string text;
  for (const auto& [facet, values] : filters) {
    for (const auto& value : values) text += (text.empty() ? "" : ",") + facet + "=" + value;
  }
  return text.empty() ? "-" : text;
}

int List(const AdminContext& context) {
  auto store = KeyStore::Open(context.data_dir.StorePath());
  if (!store) return Fail(context, store.error());
  auto records = store.value()->List();
  if (!records) return Fail(context, records.error());
  context.out << "prefix\tpartner\trate/s\tburst\tfilters\tcreated\trevoked\tuse\torigins\texpires"
                 "\trequests\tlast_used\n";
  for (const auto& record : records.value()) {
    std::string origins;
    for (const auto& origin : record.origins) origins += (origins.empty() ? "" : ",") + origin;
    context.out << record.prefix << "\t" << record.partner << "\t" << record.rate_per_second << "\t"
                << record.burst << "\t" << FiltersText(record.filters) << "\t" << record.created_at
                << "\t" << record.revoked_at.value_or("-") << "\t"
                << (record.search_only ? "browser" : "server") << "\t"
                << (origins.empty() ? "-" : origins) << "\t"
                << (record.expires_at.empty() ? "never" : record.expires_at) << "\t"
                << record.requests << "\t" << record.last_used_at.value_or("-") << "\n";
  }
  return kExitOk;
}

int Revoke(const AdminContext& context, const std::string& prefix) {
  auto store = KeyStore::Open(context.data_dir.StorePath());
  if (!store) return Fail(context, store.error());
  if (Status revoked = store.value()->Revoke(prefix); !revoked) {
    return Fail(context, revoked.error());
  }
  context.out << "revoked " << prefix << "\n";
  return kExitOk;
}

int Rotate(const AdminContext& context, const std::string& prefix) {
  auto store = KeyStore::Open(context.data_dir.StorePath());
  if (!store) return Fail(context, store.error());
  auto rotated = store.value()->Rotate(prefix);
  if (!rotated) return Fail(context, rotated.error());
  context.out << rotated.value() << "\n";
  context.err << "Key " << prefix << " is revoked; store the new key now.\n";
  return kExitOk;
}

}  // namespace

int RunKeysCommand(const AdminContext& context, const std::vector<std::string>& args) {
  if (args.empty()) {
    context.err << kKeysUsage;
    return kExitUsage;
  }
  const std::string& sub = args.front();
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (sub == "create") return Create(context, rest);
  if (sub == "list" && rest.empty()) return List(context);
  if (sub == "revoke" && rest.size() == 1) return Revoke(context, rest.front());
  if (sub == "rotate" && rest.size() == 1) return Rotate(context, rest.front());
  context.err << kKeysUsage;
  return kExitUsage;
}

}  // namespace rapport
