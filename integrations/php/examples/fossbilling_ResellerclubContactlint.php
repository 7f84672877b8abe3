<?php
// SPDX-License-Identifier: Apache-2.0
//
// A FOSSBilling registrar adapter: ResellerClub, with every contacts/* call
// checked by the contactlint sidecar before it is sent. A call the API
// would refuse fails at once with the API's own message (FOSSBilling's
// adapter logs it and shows "check the error logs"); every other call goes
// to ResellerClub exactly as before.
//
// Install as src/library/Registrar/Adapter/ResellerclubContactlint.php
// with ContactLint.php beside it (or CONTACTLINT_CLIENT set to its path),
// run contactlint serve, and choose "ResellerClub (contactlint)" under
// System > Domain registration > New domain registrar. It subclasses the
// bundled adapter, so FOSSBilling updates keep applying to it.

require_once getenv('CONTACTLINT_CLIENT') ?: __DIR__ . '/ContactLint.php';

class Registrar_Adapter_ResellerclubContactlint extends Registrar_Adapter_Resellerclub
{
    public static function getConfig()
    {
        $config = parent::getConfig();
        $config['label'] = 'ResellerClub, with contact requests checked by contactlint first. ' . $config['label'];

        return $config;
    }

    protected function _makeRequest($url, $params = [], $method = 'GET', $type = 'json'): array|string
    {
        if (str_starts_with($url, 'contacts/')) {
            $check = ContactLint::check($this->includeAuthorizationParams($params), $url);
            if (!$check['ok']) {
                $this->getLog()->err('ResellerClub would refuse ' . $url . ': ' . $check['message']);

                throw new Registrar_Exception('ResellerClub would refuse :action:: :message:', [':action:' => $url, ':message:' => $check['message']]);
            }
        }

        return parent::_makeRequest($url, $params, $method, $type);
    }
}
