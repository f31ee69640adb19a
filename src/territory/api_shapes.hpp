#pragma once

#include "http/openapi.hpp"

namespace sohosolo::territory {

/// Declares the shapes of the territory communes routes (communes/api_shapes.cpp).
void DescribeCommunesApi(http::ApiShapes& shapes);

/// Declares the shapes of the territory villages routes (villages/api_shapes.cpp).
void DescribeVillagesApi(http::ApiShapes& shapes);

}  // namespace sohosolo::territory
