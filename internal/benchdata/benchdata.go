// Package benchdata writes the requests the CLI's throughput is measured
// on: contacts of seven countries (US, GB, DE, FR, ES, BR and RU, in
// Cyrillic), some as envelopes naming a TLD — com (no rules of its own),
// es, ru — and a fifth of them failing. BenchmarkThroughput, the
// pipeline's allocation test and bench/cmd/requests (the million requests
// of the README's figures) read the same.
package benchdata

import (
	"bufio"
	"fmt"
	"io"
)

// contacts are the requests' templates: %[1]d is the request's number;
// each fails when broken is true (a wrong postal code or e-mail).
var contacts = []func(i int, broken bool) string{
	func(i int, broken bool) string { // US, bare parameters
		zip := "62701"
		if broken {
			zip = "ABCDE"
		}
		return fmt.Sprintf(`{"name":"User %[1]d","company":"Example %[1]d","email":"u%[1]d@example.com","address-line-1":"%[1]d Main Street","city":"Springfield","state":"Illinois","country":"US","zipcode":%[2]q,"phone-cc":"1","phone":"2175550123","customer-id":"%[1]d","type":"Contact"}`, i+1, zip)
	},
	func(i int, broken bool) string { // GB, for a .com
		email := fmt.Sprintf("ada%d@example.co.uk", i)
		if broken {
			email = "ada@example"
		}
		return fmt.Sprintf(`{"command":"contacts/add","tld":"com","params":{"name":"Ada Lovelace","company":"Analytical Engines Ltd","email":%[2]q,"address-line-1":"%[1]d Baker Street","city":"London","country":"GB","zipcode":"NW1 6XE","phone-cc":"44","phone":"2079460%03[3]d","customer-id":"%[1]d","type":"Contact"}}`, i+1, email, i%1000)
	},
	func(i int, broken bool) string { // DE
		zip := "10115"
		if broken {
			zip = "1011"
		}
		return fmt.Sprintf(`{"name":"Jürgen Müller","company":"Beispiel GmbH","email":"j%[1]d@beispiel.de","address-line-1":"Straße des 17. Juni %[1]d","city":"Berlin","country":"DE","zipcode":%[2]q,"phone-cc":"49","phone":"30901820","customer-id":"%[1]d","type":"Contact"}`, i+1, zip)
	},
	func(i int, broken bool) string { // FR
		zip := "75008"
		if broken {
			zip = "7500"
		}
		return fmt.Sprintf(`{"name":"Élodie Dupré","company":"Société Exemple SARL","email":"e%[1]d@exemple.fr","address-line-1":"%[1]d rue du Faubourg Saint-Honoré","city":"Paris","country":"FR","zipcode":%[2]q,"phone-cc":"33","phone":"142278000","customer-id":"%[1]d","type":"Contact"}`, i+1, zip)
	},
	func(i int, broken bool) string { // ES registrant of a .es
		zip := "28013"
		if broken {
			zip = "2801"
		}
		return fmt.Sprintf(`{"command":"contacts/add","tld":"es","role":"registrant","params":{"name":"María García","company":"Ejemplo SL","email":"m%[1]d@ejemplo.es","address-line-1":"Calle Mayor %[1]d","city":"Madrid","state":"Madrid","country":"ES","zipcode":%[2]q,"phone-cc":"34","phone":"912345678","customer-id":"%[1]d","type":"EsContact","attr-name1":"es_form_juridica","attr-value1":"612","attr-name2":"es_tipo_identificacion","attr-value2":"1","attr-name3":"es_identificacion","attr-value3":"B12345674"}}`, i+1, zip)
	},
	func(i int, broken bool) string { // BR
		zip := "01310-100"
		if broken {
			zip = "0131"
		}
		return fmt.Sprintf(`{"name":"João Silva","company":"Exemplo Ltda","email":"j%[1]d@exemplo.com.br","address-line-1":"Avenida Paulista %[1]d","city":"São Paulo","state":"SP","country":"BR","zipcode":%[2]q,"phone-cc":"55","phone":"1131234567","customer-id":"%[1]d","type":"Contact"}`, i+1, zip)
	},
	func(i int, broken bool) string { // RU, in Cyrillic, for a .ru
		zip := "101000"
		if broken {
			zip = "10100"
		}
		return fmt.Sprintf(`{"command":"contacts/add","tld":"ru","params":{"name":"Иван Петров","company":"ООО Пример","email":"i%[1]d@primer.ru","address-line-1":"ул. Тверская, д. %[1]d","city":"Москва","country":"RU","zipcode":%[2]q,"phone-cc":"7","phone":"4951234567","customer-id":"%[1]d","type":"Contact","attr-name1":"contract-type","attr-value1":"PRS","attr-name2":"birth-date","attr-value2":"01.02.1980","attr-name3":"person-r","attr-value3":"Петров Иван Сергеевич","attr-name4":"passport","attr-value4":"4509 123456"}}`, i+1, zip)
	},
}

// Write writes n requests as JSON Lines, one in five failing.
func Write(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	for i := range n {
		// The failing one of five rotates through the countries.
		fmt.Fprintln(bw, contacts[i%len(contacts)](i, i%5 == 2))
	}
	return bw.Flush()
}
