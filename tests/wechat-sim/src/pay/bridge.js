/* wechat-sim: a stand-in WeixinJSBridge for ordinary browsers (test only, never shipped to WeChat).
 * Supports invoke('getBrandWCPayRequest', params, cb): draws a pay sheet over the page; 「确认支付」 posts the
 * params to the simulator, which verifies paySign and pays the order; 「取消」 reports cancel. */
(function () {
  'use strict';
  var script = document.currentScript;
  var ORIGIN = script && script.src ? new URL(script.src, location.href).origin : '__SIM_ORIGIN__';
  if (window.WeixinJSBridge) {
    return; // a real (or already loaded) bridge wins
  }
  var OK = 'get_brand_wcpay_request:ok';
  var FAIL = 'get_brand_wcpay_request:fail';
  var CANCEL = 'get_brand_wcpay_request:cancel';
  var open = false;

  function el(tag, style, text) {
    var node = document.createElement(tag);
    node.setAttribute('style', style);
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function yuan(fen) {
    var n = Math.abs(Number(fen) || 0);
    var cents = String(n % 100);
    return (fen < 0 ? '-' : '') + Math.floor(n / 100) + '.' + (cents.length < 2 ? '0' + cents : cents);
  }

  function prepayId(params) {
    var pkg = params && typeof params['package'] === 'string' ? params['package'] : '';
    return pkg.indexOf('prepay_id=') === 0 ? pkg.slice('prepay_id='.length) : '';
  }

  function sheet(params, cb) {
    open = true;
    var overlay = el('div', 'position:fixed;left:0;top:0;right:0;bottom:0;z-index:2147483647;' +
      'background:rgba(0,0,0,0.6);display:flex;align-items:flex-end;justify-content:center;' +
      'font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Microsoft YaHei",sans-serif;');
    overlay.setAttribute('data-testid', 'sim-pay-sheet');
    var panel = el('div', 'width:100%;max-width:480px;background:#fff;border-radius:12px 12px 0 0;' +
      'padding:20px 20px 28px;box-sizing:border-box;text-align:center;color:#111;');
    var title = el('div', 'font-size:15px;color:#555;margin-bottom:18px;', '微信支付（模拟器）');
    var desc = el('div', 'font-size:15px;margin-bottom:8px;word-break:break-all;', '正在获取订单信息…');
    desc.setAttribute('data-testid', 'sim-pay-description');
    var amount = el('div', 'font-size:36px;font-weight:600;margin-bottom:24px;', '¥--');
    amount.setAttribute('data-testid', 'sim-pay-amount');
    var status = el('div', 'font-size:13px;color:#fa5151;min-height:18px;margin-bottom:10px;', '');
    var confirm = el('button', 'display:block;width:100%;height:46px;border:0;border-radius:8px;' +
      'background:#07c160;color:#fff;font-size:17px;font-weight:600;margin-bottom:12px;cursor:pointer;', '确认支付');
    confirm.type = 'button';
    confirm.setAttribute('data-testid', 'sim-pay-confirm');
    var cancel = el('button', 'display:block;width:100%;height:46px;border:0;border-radius:8px;' +
      'background:#f2f2f2;color:#111;font-size:17px;cursor:pointer;', '取消');
    cancel.type = 'button';
    cancel.setAttribute('data-testid', 'sim-pay-cancel');
    [title, desc, amount, status, confirm, cancel].forEach(function (n) { panel.appendChild(n); });
    overlay.appendChild(panel);
    document.body.appendChild(overlay);

    var finished = false;
    function done(errMsg) {
      if (finished) {
        return;
      }
      finished = true;
      open = false;
      if (overlay.parentNode) {
        overlay.parentNode.removeChild(overlay);
      }
      if (typeof cb === 'function') {
        cb({ err_msg: errMsg });
      }
    }

    var id = prepayId(params);
    fetch(ORIGIN + '/sim/pay/prepay/' + encodeURIComponent(id))
      .then(function (r) { return r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status)); })
      .then(function (info) {
        amount.textContent = '¥' + yuan(info.amount);
        desc.textContent = info.description;
      })
      .catch(function () {
        desc.textContent = '订单信息获取失败';
      });

    confirm.addEventListener('click', function () {
      confirm.disabled = true;
      cancel.disabled = true;
      status.style.color = '#555';
      status.textContent = '支付中…';
      fetch(ORIGIN + '/sim/pay/jsapi-confirm', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(params || {})
      })
        .then(function (r) { return r.json(); })
        .then(function (res) { done(res && res.err_msg === OK ? OK : FAIL); })
        .catch(function () { done(FAIL); });
    });
    cancel.addEventListener('click', function () { done(CANCEL); });
  }

  window.WeixinJSBridge = {
    simulator: true,
    invoke: function (name, params, cb) {
      if (name !== 'getBrandWCPayRequest') {
        if (typeof cb === 'function') {
          cb({ err_msg: 'system:function_not_exist' });
        }
        return;
      }
      if (open) {
        if (typeof cb === 'function') {
          cb({ err_msg: FAIL });
        }
        return;
      }
      sheet(params, cb);
    },
    on: function () {},
    call: function () {}
  };
  document.dispatchEvent(new Event('WeixinJSBridgeReady'));
})();
