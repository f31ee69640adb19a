#pragma once

#include "http/openapi.hpp"

namespace sohosolo::community {

/// Declares the shapes of the community profiles routes (profiles/api_shapes.cpp).
void DescribeProfilesApi(http::ApiShapes& shapes);

/// Declares the shapes of the community events routes (events/api_shapes.cpp).
void DescribeEventsApi(http::ApiShapes& shapes);

/// Declares the shapes of the community newsletters routes (newsletters/api_shapes.cpp).
void DescribeNewslettersApi(http::ApiShapes& shapes);

/// Declares the shapes of the community board routes (board/api_shapes.cpp).
void DescribeBoardApi(http::ApiShapes& shapes);

}  // namespace sohosolo::community
