#pragma once
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "oauthsim/common/trace.h"

namespace oauthsim::scenario {

// One line of a replay: a harness marker, or one exchange shown once although several parties
// recorded it.
struct ReplayItem {
  // The harness marker, or the receiving party's view of the exchange (the sender's when the
  // receiver recorded nothing, e.g. a connection that failed).
  const common::TraceEntry* entry = nullptr;
  // The Location the user agent received, when it differs from the one the server sent: a man
  // in the middle of the front channel changed the redirect.
  std::optional<std::string> user_agent_location;
  // The seq of the sender's entry of the same exchange, left out of the replay; 0: none. A
  // check may have judged either view, so a report finds the exchange by both.
  std::uint64_t sender_seq = 0;
};

// Picks, in trace order, what a replay shows: each exchange once, the harness markers between
// them. The items point into `trace`, which must outlive them.
std::vector<ReplayItem> replay_items(const std::vector<common::TraceEntry>& trace);

struct ReplayTitle {
  std::string name;
  std::string description;
  std::string source;  // file the scenario came from; may be empty
};

// Writes the scenario's exchanges for a developer: a header, then per exchange its step label,
// seq, sender and receiver, the request line, form fields and traced headers, the status,
// response headers and fields, and the party's note. Prints only what the (already redacted)
// trace holds.
void print_replay(std::ostream& out, const ReplayTitle& title,
                  const std::vector<common::TraceEntry>& trace);

}  // namespace oauthsim::scenario
