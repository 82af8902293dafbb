#pragma once
#include "oauthsim/common/clock.h"
#include "oauthsim/common/idle_map.h"

namespace oauthsim::authz {

using common::IdleLimits;
using common::IdleMap;

// What measures idleness when a store is given no wall clock.
const common::Clock& system_wall_clock();

}  // namespace oauthsim::authz
