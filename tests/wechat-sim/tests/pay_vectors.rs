//! Appendix A vectors, checked with the tests' own signing/verification helpers (the simulator's verifier has
//! its unit tests in `src/pay/crypto.rs`): a client built like these helpers interoperates with WeChat.

mod pay_support;

use pay_support::{decrypt, sign_merchant, verify_with};
use wechat_sim::{merchant_private_key_pem, wechatpay_public_key_pem};

const A1: &str = "jnks4dlrPw3ZX+ozVvSK39oa0t7OMBsg83BHAwd8BRdUFiVaQNTLTvci+wURgP1OQBbKYhFGvt7iqYpDSTQkp7Uq1sltaQKyncCyrA1g88m5bsKERQfPyT0ahSwKTYJ1CAn9QiJuSJRq1QsQs07eehbU/k9BCS51jTyc1Jpsi2H77HF9f/BnjXAOP3/sPObg6V5Ee4EzwLox684hhuMuIwHo7D8KFk3LIHOKDcNI4It1aCXydFWNpNK+SG86VUDe5kwoDpw4Ulqfu9z8OFDGbDs9TCxEv8iqQzbpxOlEVoOe2kalSYM5kApQb3nZcxdUtoE0liJGW3RGUNE0t4v01A==";
const A2: &str = "mI35pfNEQV6777ke/1T+LJLQDNTm7yeoUJH+j/adPGhmCCi0PbgkvYQTRcXH0uibcLVtvFLdGLpmoYO9FV6lBBsTAjuhh5YOvQi0e2g3e0yytitiNET9FEuqM0pjnKfRW4K6LIZDdbWJv9KhZUx3DrJa5TL7OJ7VdADVivxVySIlPVKjGwuCXzuXSJes0UcILgWQUMyha5/3nYofuHtS7r+KYyMuxD+oJ9VM1Qdxk4UIG59CP5Y3wtYIFybyF3bdu1caHTRRX+DLyMXyYA/IrTmiW01c4RPjpHBX5Dk1sZyY1zVsWNsvMHr2e1NTWtBxKJ+qk5N61J7caYoepHFaxw==";
const A3_GET: &str = "cVvdVujlEmASmAYpcmKXmIrlQualKxd87f8XZtnTeLCw3V7kZ1ST6YwX0kSLsqJeecZqmKJfd6ieRl/hRLZUodxXU1NzoTz1OXNh6TzBfcxU8xRNFbmPiEHwMJM7Jo52TYGk71MaCbvkPlUpUL6WhpmAgfC7jg/3IcA/UILbby4Nro0Nbq0An/DYEEp8vZMaags/5ed52JpGqxEOcTLIuqihy+Amy5z+t8m3a93YTRNDRi0W5b332UQBtrWRSwJOMU96Nof7hJC2MM71Y1bHB8YP8kBKaoDW7vEoNsEMVzkyp0pyjUHFWc6yaRVHE054z79S2koj3jSRbCiY+CaJzg==";
const A3_204: &str = "jeghfsrtH0lEz5KEKnVyRIH89w6EvmjURKBhOF/qUruenAJ9kFC77Cde8CIDtKK5eLX/CbmmNiHiolvDqGjtiqt87+fjTj0qmJWpFskTA2sYih/ARAKGW3FgLA/rL3rVVm+FGuPEsW/Z8xlBbTb3XX1OXoeCTytHVaPNuKd8vlwUqm8YHgZyUfuRcvFFtAPXIekw/VRssa6ytePicDI+zjxmqBD/OfVBZVoFjVmtVYSted5J/i6BK2UBm8bpHfehZDmvbvFu77ySZpVYaXWCwkSM3g7mxySmJnhAZz0XxzdrILlh9mRhh3Ypbgbjsvcwuhp+oPXYBCj1iivVUw5bvQ==";
const TEST_PUB: &str = include_str!("vectors/test_pub.pem");

#[test]
fn the_merchant_key_is_the_official_test_key() {
    assert!(merchant_private_key_pem().starts_with("-----BEGIN PRIVATE KEY-----"));
    assert_eq!(
        include_str!("../keys/merchant_pub.pem").trim(),
        TEST_PUB.trim()
    );
}

#[test]
fn a1_request_signature_is_reproduced_and_verifies() {
    let message = include_str!("vectors/req.txt");
    assert_eq!(sign_merchant(message.as_bytes()), A1);
    assert!(verify_with(TEST_PUB, message.as_bytes(), A1));
}

#[test]
fn a2_pay_sign_is_reproduced_and_verifies() {
    let message = include_str!("vectors/pay.txt");
    assert_eq!(sign_merchant(message.as_bytes()), A2);
    assert!(verify_with(TEST_PUB, message.as_bytes(), A2));
}

#[test]
fn a3_get_and_empty_body_signatures_are_reproduced() {
    let get = include_str!("vectors/get.txt");
    assert_eq!(sign_merchant(get.as_bytes()), A3_GET);
    let empty = include_str!("vectors/empty.txt");
    assert_eq!(sign_merchant(empty.as_bytes()), A3_204);
    assert!(verify_with(TEST_PUB, empty.as_bytes(), A3_204));
}

#[test]
fn aes_gcm_vector_decrypts() -> anyhow::Result<()> {
    let notif = include_str!("vectors/notif.txt");
    let envelope: serde_json::Value =
        serde_json::from_str(notif.lines().nth(2).unwrap_or_default())?;
    let r = &envelope["resource"];
    let plain = decrypt(
        "0123456789abcdef0123456789abcdef",
        r["nonce"].as_str().unwrap_or_default(),
        r["associated_data"].as_str().unwrap_or_default(),
        r["ciphertext"].as_str().unwrap_or_default(),
    )?;
    assert_eq!(
        String::from_utf8(plain)?,
        r#"{"mchid":"1900007291","out_trade_no":"EXAM20260301000123","trade_state":"SUCCESS","amount":{"total":100}}"#
    );
    Ok(())
}

#[test]
fn notification_vector_verifies_with_the_test_key_only() {
    let message = include_str!("vectors/notif.txt");
    let signature = include_str!("vectors/notif.sig");
    assert!(verify_with(TEST_PUB, message.as_bytes(), signature));
    assert!(!verify_with(
        wechatpay_public_key_pem(),
        message.as_bytes(),
        signature
    ));
}
