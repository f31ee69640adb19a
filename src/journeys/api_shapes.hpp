#pragma once

#include "http/openapi.hpp"

namespace sohosolo::journeys {

/// Declares the shapes of the journeys routes (./api_shapes.cpp).
void DescribeApi(http::ApiShapes& shapes);

/// Declares the shapes of the journeys committees routes (committees/api_shapes.cpp).
void DescribeCommitteesApi(http::ApiShapes& shapes);

}  // namespace sohosolo::journeys
