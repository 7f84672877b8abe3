<?php
// SPDX-License-Identifier: Apache-2.0
//
// ContactLint: a dependency-free PHP client for the contactlint sidecar
// (contactlint serve). It asks the sidecar what the LogicBoxes /
// ResellerClub contacts API would answer to a request, before the request
// is sent: every problem at once, in the API's own words. It asks on the
// sidecar's check-only path (/check/api/...), which is never forwarded to
// the API, whatever the sidecar's -upstream: a check never creates a
// contact. (A sidecar older than that path answers 404 there: the
// result is UNAVAILABLE, never a call to the API.)
//
//   require_once 'ContactLint.php';
//   $r = ContactLint::check($params);              // contacts/add
//   if (!$r['ok']) { echo $r['message']; }          // {zip=Postal Code is invalid, ...}
//
// PHP 7.4 or later; needs nothing but the standard stream functions (no
// curl extension). Copy this one file into your module.

final class ContactLint
{
    /** @var string the sidecar's base URL; CONTACTLINT_URL overrides the default */
    private static $baseUrl = null;
    /** @var float seconds to wait for the sidecar */
    private static $timeout = 2.0;

    /**
     * Points the client at a sidecar. Without it, the base URL is the
     * CONTACTLINT_URL environment variable, else http://127.0.0.1:8080.
     */
    public static function configure(string $baseUrl, float $timeout = 2.0): void
    {
        self::$baseUrl = rtrim($baseUrl, '/');
        self::$timeout = $timeout;
    }

    /**
     * Checks one API request as the API would.
     *
     * $params are the request's parameters exactly as they will be sent
     * (an array value is sent as the key repeated, as the API takes it; a
     * null one is left out).
     * $command is the API path without /api/ and .json: contacts/add,
     * contacts/modify, contacts/set-details, ...
     * $options: 'tld' (or a list of TLDs) and 'role' (registrant, admin,
     * tech, billing) for the rules of the domain the contact is for.
     *
     * Returns an array:
     *   ok       true when the API would accept the request (it may still
     *            carry warnings), or when the sidecar could not be asked
     *   status   "OK", "ERROR" (the API would refuse it) or "UNAVAILABLE"
     *   message  on ERROR, the API's message, byte for byte
     *   errors   on ERROR, field key => message, read from the message
     *   warnings on OK, what the API may still refuse: each with field,
     *            param, code, severity and message
     *   body     the sidecar's answer as it came (on ERROR, the API's body)
     *   http     its HTTP status (0 when it did not answer)
     *   error    on UNAVAILABLE, why
     *
     * The sidecar being down never blocks a request (ok stays true): the
     * API checks it anyway. Test for status === 'UNAVAILABLE' to decide
     * otherwise.
     */
    public static function check(array $params, string $command = 'contacts/add', array $options = []): array
    {
        $base = self::$baseUrl;
        if ($base === null) {
            $env = getenv('CONTACTLINT_URL');
            $base = rtrim(is_string($env) && $env !== '' ? $env : 'http://127.0.0.1:8080', '/');
        }
        $headers = ['Content-Type: application/x-www-form-urlencoded'];
        if (isset($options['tld'])) {
            $tlds = is_array($options['tld']) ? implode(',', $options['tld']) : (string)$options['tld'];
            $headers[] = 'Contactlint-Tld: ' . self::headerValue($tlds);
        }
        if (isset($options['role'])) {
            $headers[] = 'Contactlint-Role: ' . self::headerValue((string)$options['role']);
        }
        if (!empty($options['fix'])) {
            $headers[] = 'Contactlint-Fix: true';
        }
        $context = stream_context_create(['http' => [
            'method' => 'POST',
            'header' => implode("\r\n", $headers),
            'content' => self::encode($params),
            'timeout' => self::$timeout,
            'ignore_errors' => true, // the API's errors come with HTTP 500: read them
            'follow_location' => 0,
        ]]);
        // The check-only path: never forwarded to the API, whatever the
        // sidecar's -upstream (a check must not create the contact).
        $url = $base . '/check/api/' . trim($command, '/') . '.json';

        $http_response_header = null;
        $body = @file_get_contents($url, false, $context);
        $head = function_exists('http_get_last_response_headers')
            ? http_get_last_response_headers()
            : $http_response_header;
        if ($body === false || !is_array($head) || !preg_match('#^HTTP/\S+\s+(\d{3})#', $head[0] ?? '', $m)) {
            $last = error_get_last();
            return self::unavailable(0, '', 'the sidecar at ' . $base . ' did not answer' . ($last ? ': ' . $last['message'] : ''));
        }
        $status = (int)$m[1];
        $json = json_decode($body, true);
        if (!is_array($json) || !isset($json['status'])) {
            return self::unavailable($status, $body, 'the sidecar answered HTTP ' . $status . ' without a contactlint answer');
        }
        if (!empty($options['fix']) && $status === 200 && isset($json['fixed'])) {
            return ['ok' => true, 'status' => 'FIXED', 'message' => '', 'errors' => [], 'warnings' => [], 'body' => $body, 'http' => $status];
        }
        if ($json['status'] === 'OK' && $status === 200) {
            return ['ok' => true, 'status' => 'OK', 'message' => '', 'errors' => [],
                'warnings' => $json['warnings'] ?? [], 'body' => $body, 'http' => $status];
        }
        if ($json['status'] === 'ERROR' && $status === 500 && isset($json['message'])) {
            $message = (string)$json['message'];
            return ['ok' => false, 'status' => 'ERROR', 'message' => $message,
                'errors' => self::fields($message), 'warnings' => [], 'body' => $body, 'http' => $status];
        }
        // 4xx/5xx of the sidecar's own (busy, body too large, bad path).
        return self::unavailable($status, $body, (string)($json['message'] ?? ('HTTP ' . $status)));
    }

    /**
     * The request with every fix contactlint is sure of applied (as
     * contactlint fix makes it): upper-case codes, separators out of phone
     * numbers, a +CC number split into phone-cc and phone, provinces as
     * the spec spells them, ...
     *
     * Returns an array:
     *   ok       true when the fixed request would be accepted (or when the
     *            sidecar could not be asked: then params are yours as given)
     *   status   "OK", "ERROR" (the fixed request still has an error) or
     *            "UNAVAILABLE"
     *   params   the fixed parameters, in order (a repeated one as a list)
     *   changes  each change: param, from, to, code
     *   message  on ERROR, what the API would still answer
     *   errors   on ERROR, field key => message
     */
    public static function fix(array $params, string $command = 'contacts/add', array $options = []): array
    {
        $options['fix'] = true;
        $r = self::check($params, $command, $options);
        if ($r['status'] === 'UNAVAILABLE') {
            return $r + ['params' => $params, 'changes' => []];
        }
        $json = json_decode($r['body'], true);
        if (!is_array($json) || !isset($json['fixed'])) {
            return self::unavailable($r['http'], $r['body'], 'the sidecar did not answer a fix') + ['params' => $params, 'changes' => []];
        }
        $fixed = [];
        foreach ($json['fixed'] === '' ? [] : explode('&', $json['fixed']) as $pair) {
            $kv = explode('=', $pair, 2);
            $k = urldecode($kv[0]);
            $v = urldecode($kv[1] ?? '');
            if (array_key_exists($k, $fixed)) {
                $fixed[$k] = array_merge((array)$fixed[$k], [$v]);
            } else {
                $fixed[$k] = $v;
            }
        }
        // The sidecar never answers with a credential: the caller's own
        // go back in, as given.
        foreach (['api-key', 'auth-password'] as $k) {
            if (isset($params[$k]) && !array_key_exists($k, $fixed)) {
                $fixed[$k] = $params[$k];
            }
        }
        $message = '';
        if (is_array($json['response'] ?? null)) {
            $message = (string)($json['response']['message'] ?? '');
        }
        return ['ok' => $json['status'] === 'OK', 'status' => $json['status'], 'params' => $fixed,
            'changes' => $json['changes'] ?? [], 'message' => $message,
            'errors' => $message === '' ? [] : self::fields($message), 'body' => $r['body'], 'http' => $r['http']];
    }

    /**
     * The fields of an API error message, "{zip=Postal Code is invalid,
     * telnocc=...}" => ['zip' => 'Postal Code is invalid', ...]. A message
     * that is not a list of fields is returned whole under ''.
     */
    public static function fields(string $message): array
    {
        if (strlen($message) < 2 || $message[0] !== '{' || substr($message, -1) !== '}') {
            return ['' => $message];
        }
        // Keys are parameter names; a value may itself hold ", ".
        $parts = preg_split('/, (?=[A-Za-z0-9_.-]+=)/', substr($message, 1, -1));
        $out = [];
        foreach ($parts as $part) {
            $kv = explode('=', $part, 2);
            if (count($kv) !== 2) {
                return ['' => $message];
            }
            $out[$kv[0]] = $kv[1];
        }
        return $out;
    }

    /** The form body, each array value as its key repeated. */
    private static function encode(array $params): string
    {
        $pairs = [];
        foreach ($params as $key => $value) {
            foreach (is_array($value) ? $value : [$value] as $v) {
                if ($v === null) {
                    continue; // left out, as http_build_query leaves it
                }
                if (is_bool($v)) {
                    $v = $v ? 'true' : 'false';
                }
                $pairs[] = rawurlencode((string)$key) . '=' . rawurlencode((string)$v);
            }
        }
        return implode('&', $pairs);
    }

    private static function headerValue(string $v): string
    {
        return preg_replace('/[\r\n]+/', ' ', $v);
    }

    private static function unavailable(int $http, string $body, string $why): array
    {
        return ['ok' => true, 'status' => 'UNAVAILABLE', 'message' => '', 'errors' => [],
            'warnings' => [], 'body' => $body, 'http' => $http, 'error' => $why];
    }
}
