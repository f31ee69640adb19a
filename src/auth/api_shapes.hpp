#pragma once

#include "http/openapi.hpp"

namespace sohosolo::auth {

/// Declares the shapes of the auth routes (./api_shapes.cpp).
void DescribeApi(http::ApiShapes& shapes);

}  // namespace sohosolo::auth
