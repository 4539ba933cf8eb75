package emulator

import (
	"fmt"
	"net/http"

	"github.com/google/uuid"
)

// apiError is PingOne's error body: an id to quote to support, a code, a message and the
// details that name each offending field.
type apiError struct {
	ID      string        `json:"id"`
	Code    string        `json:"code"`
	Message string        `json:"message"`
	Details []errorDetail `json:"details,omitempty"`

	status int
}

type errorDetail struct {
	Code       string      `json:"code"`
	Target     string      `json:"target,omitempty"`
	Message    string      `json:"message"`
	InnerError *innerError `json:"innerError,omitempty"`
}

type innerError struct {
	AllowedValues     []string `json:"allowedValues,omitempty"`
	RangeMinimumValue *int64   `json:"rangeMinimumValue,omitempty"`
	RangeMaximumValue *int64   `json:"rangeMaximumValue,omitempty"`
}

// Top-level error codes.
const (
	codeInvalidData      = "INVALID_DATA"
	codeInvalidRequest   = "INVALID_REQUEST"
	codeAccessFailed     = "ACCESS_FAILED"
	codeNotFound         = "NOT_FOUND"
	codeRequestLimited   = "REQUEST_LIMITED"
	codeUnexpectedError  = "UNEXPECTED_ERROR"
	codeMethodNotAllowed = "METHOD_NOT_ALLOWED"
)

// Detail codes.
const (
	detailInvalidValue        = "INVALID_VALUE"
	detailRequiredValue       = "REQUIRED_VALUE"
	detailOutOfRange          = "OUT_OF_RANGE"
	detailSizeLimitExceeded   = "SIZE_LIMIT_EXCEEDED"
	detailUniquenessViolation = "UNIQUENESS_VIOLATION"
	detailInvalidOTP          = "INVALID_OTP"
	detailInvalidToken        = "INVALID_TOKEN"
	detailInsufficientPerms   = "INSUFFICIENT_PERMISSIONS"
	detailLimitExceeded       = "LIMIT_EXCEEDED"
)

func newAPIError(status int, code, message string, details ...errorDetail) *apiError {
	return &apiError{ID: uuid.NewString(), Code: code, Message: message, Details: details, status: status}
}

// invalidData is the 400 for a body that parsed but broke the rules.
func invalidData(details ...errorDetail) *apiError {
	return newAPIError(http.StatusBadRequest, codeInvalidData,
		"The request could not be completed. One or more validation errors were in the request.", details...)
}

// invalidRequest is the 400 for a request that could not be understood at all.
func invalidRequest(details ...errorDetail) *apiError {
	return newAPIError(http.StatusBadRequest, codeInvalidRequest,
		"The request could not be completed. The request was malformed or invalid.", details...)
}

func notFound(what string) *apiError {
	return newAPIError(http.StatusNotFound, codeNotFound,
		"The request could not be completed. The requested resource was not found.",
		errorDetail{Code: codeNotFound, Message: "Unable to find " + what + "."})
}

func unsupportedMediaType(want ...string) *apiError {
	return newAPIError(http.StatusUnsupportedMediaType, codeInvalidRequest,
		"The request could not be completed. The Content-Type is not supported for this request.",
		errorDetail{Code: detailInvalidValue, Target: "Content-Type", Message: "Unsupported Content-Type.",
			InnerError: &innerError{AllowedValues: want}})
}

func invalidAccessToken() *apiError {
	return newAPIError(http.StatusUnauthorized, codeAccessFailed,
		"The request could not be completed. The access token is missing, expired or invalid.",
		errorDetail{Code: detailInvalidToken, Message: "The access token is missing, expired or invalid."})
}

func insufficientPermissions() *apiError {
	return newAPIError(http.StatusForbidden, codeAccessFailed,
		"The request could not be completed. You do not have access to this resource.",
		errorDetail{Code: detailInsufficientPerms, Message: "The application has no role in this environment."})
}

func requestLimited() *apiError {
	return newAPIError(http.StatusTooManyRequests, codeRequestLimited,
		"The request could not be completed. Too many requests were sent; wait and try again.",
		errorDetail{Code: detailLimitExceeded, Message: "The request rate limit was exceeded."})
}

func unexpectedError(why string) *apiError {
	return newAPIError(http.StatusInternalServerError, codeUnexpectedError,
		"The request could not be completed. An unexpected error occurred.",
		errorDetail{Code: codeUnexpectedError, Message: why})
}

// requestTooLarge is the 413 for a body over the limit.
func requestTooLarge(limit int64) *apiError {
	return newAPIError(http.StatusRequestEntityTooLarge, codeInvalidRequest,
		"The request could not be completed. The request body is too large.",
		errorDetail{Code: detailSizeLimitExceeded, Target: "body",
			Message: fmt.Sprintf("The request body must not be larger than %d bytes.", limit)})
}

func methodNotAllowed() *apiError {
	return newAPIError(http.StatusMethodNotAllowed, codeMethodNotAllowed,
		"The request could not be completed. The method is not allowed for this resource.")
}

// detail builders keep messages uniform across the handlers.

func required(target string) errorDetail {
	return errorDetail{Code: detailRequiredValue, Target: target, Message: target + " is required."}
}

func invalidValue(target, message string) errorDetail {
	return errorDetail{Code: detailInvalidValue, Target: target, Message: message}
}

func notAllowed(target string, allowed ...string) errorDetail {
	return errorDetail{Code: detailInvalidValue, Target: target,
		Message:    target + " must be one of the allowed values.",
		InnerError: &innerError{AllowedValues: allowed}}
}

func outOfRange(target string, lo, hi int64) errorDetail {
	return errorDetail{Code: detailOutOfRange, Target: target,
		Message:    target + " is out of range.",
		InnerError: &innerError{RangeMinimumValue: &lo, RangeMaximumValue: &hi}}
}
