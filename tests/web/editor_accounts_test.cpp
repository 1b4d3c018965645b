// AccountStore, PasswordHasher and the editors/tokens commands against a real
// SQLite store file.
#include <sstream>

#include <doctest/doctest.h>
#include <sodium.h>

#include "admin_commands.h"
#include "editor_accounts.h"
#include "password_hasher.h"
#include "test_support.h"

namespace rapport {
namespace {

using testing::TempDir;

constexpr const char* kPassword = "correct horse battery";

std::unique_ptr<AccountStore> OpenAccounts(const TempDir& dir) {
  auto accounts = AccountStore::Open(dir.File("rapport.sqlite"));
  REQUIRE(accounts);
  return std::move(accounts).value();
}

struct CommandRun {
  int exit_code = 0;
  std::string out, err;
};

CommandRun RunAdmin(const TempDir& dir, const std::string& command,
                    const std::vector<std::string>& args, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out, err;
  AdminContext context{DataDir{dir.path()}, in, out, err};
  CommandRun run;
  run.exit_code =
      command == "editors" ? RunEditorsCommand(context, args) : RunTokensCommand(context, args);
  run.out = out.str();
  run.err = err.str();
  return run;
}

}  // namespace

TEST_CASE("password hashes are Argon2id, salted, and verify only the right password") {
  PasswordHasher hasher;
  auto first = hasher.Hash(kPassword);
  auto second = hasher.Hash(kPassword);
  REQUIRE(first);
  REQUIRE(second);
  CHECK(first.value().rfind("$argon2id$", 0) == 0);
  CHECK(first.value() != second.value());
  CHECK(hasher.Verify(first.value(), kPassword));
  CHECK_FALSE(hasher.Verify(first.value(), "correct horse battery!"));
  CHECK_FALSE(hasher.Verify("not a hash", kPassword));
  CHECK_FALSE(CheckPasswordStrength("short", "password"));
  CHECK(CheckPasswordStrength(kPassword, "password"));
}

TEST_CASE(
    "the hash unknown accounts are checked against has a real hash's limits and no password") {
  for (const PasswordHashLimits limits : {PasswordHashLimits{}, PasswordHashLimits{3, 32u << 20}}) {
    const std::string unmatchable = UnmatchableHash(limits);
    CAPTURE(unmatchable);
    auto real = PasswordHasher(limits).Hash(kPassword);
    REQUIRE(real);
    // Same algorithm, limits and lengths as a real hash: verifying costs the same.
    CHECK(crypto_pwhash_str_needs_rehash(unmatchable.c_str(), limits.ops_limit,
                                         limits.mem_limit_bytes) == 0);
    CHECK(unmatchable.size() == real.value().size());
    // "$argon2id$v=19$m=…,t=…,p=1": all but the salt and the digest.
    auto parameters = [](const std::string& hash) {
      return hash.substr(0, hash.rfind('$', hash.rfind('$') - 1));
    };
    CHECK(parameters(unmatchable) == parameters(real.value()));
    CHECK_FALSE(PasswordHasher(limits).Verify(unmatchable, kPassword));
    CHECK_FALSE(PasswordHasher(limits).Verify(unmatchable, ""));
    CHECK(UnmatchableHash(limits) != unmatchable);
  }
}

TEST_CASE("accounts: create, authenticate, duplicates, disable, reset") {
  TempDir dir;
  auto accounts = OpenAccounts(dir);
  auto created = accounts->Create("Ada@Example.org", EditorRole::kAdmin, kPassword);
  REQUIRE(created);
  CHECK(created.value().role == EditorRole::kAdmin);

  auto duplicate = accounts->Create("ada@example.ORG", EditorRole::kEditor, kPassword);
  REQUIRE_FALSE(duplicate);
  CHECK(duplicate.error().status == 409);
  CHECK(accounts->Create("no-at-sign", EditorRole::kEditor, kPassword).error().status == 400);
  CHECK(accounts->Create("bob@example.org", EditorRole::kEditor, "short").error().status == 400);

  auto login = accounts->Authenticate("ada@example.org", kPassword);
  REQUIRE(login);
  CHECK(login.value().id == created.value().id);

  // Unknown email, wrong password and disabled account all look the same.
  auto wrong = accounts->Authenticate("ada@example.org", "wrong password!");
  auto unknown = accounts->Authenticate("nobody@example.org", kPassword);
  REQUIRE_FALSE(wrong);
  REQUIRE_FALSE(unknown);
  CHECK(wrong.error().status == 401);
  CHECK(wrong.error().code == unknown.error().code);
  CHECK(wrong.error().message == unknown.error().message);

  REQUIRE(accounts->ResetPassword("ada@example.org", "another long password"));
  CHECK_FALSE(accounts->Authenticate("ada@example.org", kPassword));
  CHECK(accounts->Authenticate("ada@example.org", "another long password"));

  REQUIRE(accounts->Disable("ada@example.org"));
  auto disabled = accounts->Authenticate("ada@example.org", "another long password");
  REQUIRE_FALSE(disabled);
  CHECK(disabled.error().message == unknown.error().message);
  CHECK(accounts->Disable("nobody@example.org").error().status == 404);
}

TEST_CASE("editor tokens: created once, resolved, revoked, dead with a disabled editor") {
  TempDir dir;
  auto accounts = OpenAccounts(dir);
  REQUIRE(accounts->Create("ed@example.org", EditorRole::kEditor, kPassword));
  auto token = accounts->CreateToken("ed@example.org", "roster-sync");
  REQUIRE(token);
  CHECK(token.value().rfind(std::string(kEditorTokenPrefix), 0) == 0);
  auto resolved = accounts->ResolveToken(token.value());
  REQUIRE(resolved);
  CHECK(resolved.value().email == "ed@example.org");
  CHECK(accounts->ResolveToken(token.value() + "x").error().status == 401);

  auto listed = accounts->ListTokens();
  REQUIRE(listed);
  REQUIRE(listed.value().size() == 1);
  REQUIRE(accounts->RevokeToken(listed.value()[0].id));
  CHECK(accounts->ResolveToken(token.value()).error().status == 401);
  CHECK(accounts->RevokeToken(999).error().status == 404);

  auto second = accounts->CreateToken("ed@example.org", "other");
  REQUIRE(second);
  REQUIRE(accounts->Disable("ed@example.org"));
  CHECK(accounts->ResolveToken(second.value()).error().status == 401);
  CHECK(accounts->CreateToken("nobody@example.org", "x").error().status == 404);
}

TEST_CASE("rapport-admin editors: password from stdin only, list shows no hash") {
  TempDir dir;
  auto created =
      RunAdmin(dir, "editors", {"create", "--email", "ada@example.org", "--role", "admin"},
               std::string(kPassword) + "\n");
  CHECK(created.exit_code == 0);
  CHECK(created.out.find("ada@example.org") != std::string::npos);
  // No password on stdin: refused, nothing created.
  CHECK(RunAdmin(dir, "editors", {"create", "--email", "b@example.org", "--role", "editor"})
            .exit_code != 0);
  // A password-looking argument is not accepted as one.
  CHECK(RunAdmin(dir, "editors",
                 {"create", "--email", "c@example.org", "--role", "editor", "--password", "x"})
            .exit_code == 2);
  CHECK(RunAdmin(dir, "editors", {"create", "--email", "d@example.org", "--role", "boss"},
                 std::string(kPassword) + "\n")
            .exit_code == 2);

  auto list = RunAdmin(dir, "editors", {"list"});
  CHECK(list.exit_code == 0);
  CHECK(list.out.find("ada@example.org\tadmin\tactive") != std::string::npos);
  CHECK(list.out.find("b@example.org") == std::string::npos);
  CHECK(list.out.find("argon2") == std::string::npos);
  CHECK(list.out.find(kPassword) == std::string::npos);

  CHECK(RunAdmin(dir, "editors", {"reset-password", "ada@example.org"}, "a new long password\n")
            .exit_code == 0);
  CHECK(OpenAccounts(dir)->Authenticate("ada@example.org", "a new long password"));
  CHECK(RunAdmin(dir, "editors", {"disable", "ada@example.org"}).exit_code == 0);
  CHECK(RunAdmin(dir, "editors", {"list"}).out.find("disabled") != std::string::npos);
  CHECK(RunAdmin(dir, "editors", {"disable", "nobody@example.org"}).exit_code == 1);
}

TEST_CASE("rapport-admin tokens: create prints the token once, list and revoke") {
  TempDir dir;
  REQUIRE(RunAdmin(dir, "editors", {"create", "--email", "ed@example.org", "--role", "editor"},
                   std::string(kPassword) + "\n")
              .exit_code == 0);
  auto created = RunAdmin(dir, "tokens", {"create", "--email", "ed@example.org", "--name", "sync"});
  REQUIRE(created.exit_code == 0);
  const std::string token = created.out.substr(0, created.out.find('\n'));
  CHECK(OpenAccounts(dir)->ResolveToken(token));

  auto list = RunAdmin(dir, "tokens", {"list"});
  CHECK(list.out.find("ed@example.org\tsync") != std::string::npos);
  CHECK(list.out.find(token) == std::string::npos);
  const std::string id = list.out.substr(0, list.out.find('\t'));
  CHECK(RunAdmin(dir, "tokens", {"revoke", id}).exit_code == 0);
  CHECK(RunAdmin(dir, "tokens", {"list"}).out.find("revoked") != std::string::npos);
  CHECK_FALSE(OpenAccounts(dir)->ResolveToken(token));
  CHECK(RunAdmin(dir, "tokens", {"revoke", "abc"}).exit_code == 2);
}

}  // namespace rapport
