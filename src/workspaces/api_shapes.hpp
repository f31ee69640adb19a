#pragma once

#include "http/openapi.hpp"

namespace sohosolo::workspaces {

/// Declares the shapes of the workspaces bookings routes (bookings/api_shapes.cpp).
void DescribeBookingsApi(http::ApiShapes& shapes);

/// Declares the shapes of the workspaces sites routes (sites/api_shapes.cpp).
void DescribeSitesApi(http::ApiShapes& shapes);

/// Declares the shapes of the workspaces stats routes (stats/api_shapes.cpp).
void DescribeStatsApi(http::ApiShapes& shapes);

/// Declares the shapes of the workspaces rentals routes (rentals/api_shapes.cpp).
void DescribeRentalsApi(http::ApiShapes& shapes);

}  // namespace sohosolo::workspaces
