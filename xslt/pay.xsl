<?xml version="1.0" encoding="UTF-8"?>
<!-- 支付: the order to pay, the balance, and the choice of balance or the
     online payment gateway (sandbox). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('pay.title')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="p" select="pay"/>
    <xsl:variable name="o" select="pay/order"/>
    <xsl:variable name="enough" select="$p/@balance-enough = '1'"/>
    <xsl:variable name="err" select="/page/form-error[@field = 'method']"/>
    <xsl:call-template name="crumbs">
      <xsl:with-param name="href1" select="'/orders'"/>
      <xsl:with-param name="text1" select="m:t('orders.title')"/>
      <xsl:with-param name="href2" select="concat('/orders/', $o/@no)"/>
      <xsl:with-param name="text2" select="$o/@no"/>
      <xsl:with-param name="here" select="m:t('pay.title')"/>
    </xsl:call-template>
    <xsl:call-template name="steps"><xsl:with-param name="at" select="2"/></xsl:call-template>
    <h1><xsl:value-of select="m:t('pay.title')"/></h1>
    <section class="checkout">
      <dl class="kv">
        <dt><xsl:value-of select="m:t('order.no')"/></dt>
        <dd><a href="/orders/{$o/@no}"><xsl:value-of select="$o/@no"/></a></dd>
        <dt><xsl:value-of select="m:t('order.product')"/></dt>
        <dd>
          <xsl:value-of select="$o/product"/>
          <xsl:if test="$o/@kind = 'renew'">
            <xsl:text> </xsl:text>
            <span class="badge"><xsl:value-of select="m:t('order.kind.renew')"/></span>
          </xsl:if>
        </dd>
        <dt><xsl:value-of select="m:t('order.spec')"/></dt>
        <dd><xsl:value-of select="$o/spec"/></dd>
        <dt><xsl:value-of select="m:t('order.period')"/></dt>
        <dd><xsl:call-template name="period"><xsl:with-param name="months" select="$o/@months"/></xsl:call-template></dd>
      </dl>
      <div class="checkout-total">
        <span><xsl:value-of select="m:t('pay.amount_due')"/></span>
        <xsl:text> </xsl:text>
        <span class="total"><xsl:call-template name="money"><xsl:with-param name="v" select="$o/total"/></xsl:call-template></span>
      </div>
      <xsl:if test="string($o/@pay-by)">
        <p class="muted"><xsl:call-template name="pay-by"><xsl:with-param name="t" select="$o/@pay-by"/></xsl:call-template></p>
      </xsl:if>

      <form action="/orders/{$o/@no}/pay" method="post">
        <input type="hidden" name="csrf" value="{/page/session/@csrf}"/>
        <fieldset>
          <xsl:if test="$err">
            <xsl:attribute name="aria-describedby">method-error</xsl:attribute>
          </xsl:if>
          <legend><xsl:value-of select="m:t('pay.choose_method')"/></legend>
          <div class="pay-methods">
            <label class="choice">
              <input type="radio" name="method" value="balance" required="required">
                <xsl:choose>
                  <xsl:when test="$enough"><xsl:attribute name="checked">checked</xsl:attribute></xsl:when>
                  <xsl:otherwise><xsl:attribute name="disabled">disabled</xsl:attribute></xsl:otherwise>
                </xsl:choose>
              </input>
              <span>
                <xsl:value-of select="m:t('method.balance')"/>
                <span class="muted">
                  <xsl:text> · </xsl:text>
                  <xsl:value-of select="m:t('pay.balance_available')"/>
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="money"><xsl:with-param name="v" select="$p/balance"/></xsl:call-template>
                </span>
              </span>
            </label>
            <xsl:if test="string($p/@gateway)">
              <label class="choice">
                <input type="radio" name="method" value="{$p/@gateway}" required="required">
                  <xsl:if test="not($enough)"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                </input>
                <span><xsl:value-of select="m:t(concat('method.', $p/@gateway))"/></span>
              </label>
            </xsl:if>
          </div>
          <xsl:call-template name="field-error"><xsl:with-param name="field" select="'method'"/></xsl:call-template>
          <xsl:if test="not($enough)">
            <p class="field-hint">
              <xsl:if test="not($err)">
                <xsl:choose>
                  <xsl:when test="string($p/@gateway)"><xsl:value-of select="m:t('pay.balance_short')"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="m:t('pay.balance_short_only')"/></xsl:otherwise>
                </xsl:choose>
                <xsl:text> </xsl:text>
              </xsl:if>
              <xsl:if test="string($p/@gateway)">
                <a href="/account#topup"><xsl:value-of select="m:t('pay.topup')"/></a>
              </xsl:if>
            </p>
          </xsl:if>
          <xsl:if test="string($p/@gateway)">
            <p class="field-hint"><xsl:value-of select="m:t(concat('pay.', $p/@gateway, '_hint'))"/></p>
          </xsl:if>
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary"><xsl:value-of select="m:t('pay.submit')"/></button>
          <a href="/orders/{$o/@no}"><xsl:value-of select="m:t('pay.back_to_order')"/></a>
        </div>
      </form>
    </section>
  </xsl:template>
</xsl:stylesheet>
