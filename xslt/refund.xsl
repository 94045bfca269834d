<?xml version="1.0" encoding="UTF-8"?>
<!-- 申请退款, asked first on a page of its own (no script): the order, what
     comes back and what ends, the reason, then "refund" or "keep it". -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('refund.title')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="o" select="order"/>
    <xsl:variable name="r" select="refund"/>
    <xsl:call-template name="crumbs">
      <xsl:with-param name="href1" select="'/orders'"/>
      <xsl:with-param name="text1" select="m:t('orders.title')"/>
      <xsl:with-param name="href2" select="concat('/orders/', $o/@no)"/>
      <xsl:with-param name="text2" select="$o/@no"/>
      <xsl:with-param name="here" select="m:t('refund.title')"/>
    </xsl:call-template>
    <section class="checkout confirm-refund">
      <h1><xsl:value-of select="m:t('refund.heading', $o/@no)"/></h1>
      <dl class="kv">
        <dt><xsl:value-of select="m:t('order.no')"/></dt>
        <dd><a href="/orders/{$o/@no}"><xsl:value-of select="$o/@no"/></a></dd>
        <dt><xsl:value-of select="m:t('order.product')"/></dt>
        <dd><xsl:value-of select="$o/product"/></dd>
        <dt><xsl:value-of select="m:t('order.spec')"/></dt>
        <dd><xsl:value-of select="$o/spec"/></dd>
        <dt><xsl:value-of select="m:t('order.period')"/></dt>
        <dd><xsl:call-template name="period"><xsl:with-param name="months" select="$o/@months"/></xsl:call-template></dd>
        <dt><xsl:value-of select="m:t('order.total')"/></dt>
        <dd><xsl:call-template name="money"><xsl:with-param name="v" select="$o/total"/></xsl:call-template></dd>
      </dl>
      <h2><xsl:value-of select="m:t('refund.what')"/></h2>
      <ul class="refund-effects">
        <li>
          <xsl:variable name="amount"><xsl:call-template name="money-text"><xsl:with-param name="v" select="$r/amount"/></xsl:call-template></xsl:variable>
          <strong><xsl:value-of select="m:t('refund.amount_back', string($amount))"/></strong>
        </li>
        <li><xsl:value-of select="m:t('refund.service_ends')"/></li>
        <xsl:if test="$r/refund-offer/delivery">
          <li><xsl:value-of select="m:t('refund.delivery_closes')"/></li>
        </xsl:if>
        <li><xsl:value-of select="m:t('refund.vendor_told')"/></li>
      </ul>
      <form action="/orders/{$o/@no}/refund" method="post">
        <input type="hidden" name="csrf" value="{/page/session/@csrf}"/>
        <input type="hidden" name="idem" value="{$r/@idem}"/>
        <xsl:variable name="err" select="/page/form-error[@field = 'reason']"/>
        <label class="field">
          <span><xsl:value-of select="m:t('refund.reason')"/></span>
          <textarea name="reason" rows="3" maxlength="500" required="required" autofocus="autofocus">
            <xsl:if test="$err">
              <xsl:attribute name="aria-invalid">true</xsl:attribute>
              <xsl:attribute name="aria-describedby">reason-error</xsl:attribute>
            </xsl:if>
            <xsl:value-of select="/page/form/field[@name = 'reason']"/>
          </textarea>
          <xsl:call-template name="field-error"><xsl:with-param name="field" select="'reason'"/></xsl:call-template>
          <xsl:if test="not($err)"><span class="field-hint"><xsl:value-of select="m:t('refund.reason_hint')"/></span></xsl:if>
        </label>
        <div class="actions">
          <button type="submit" class="danger"><xsl:value-of select="m:t('refund.confirm')"/></button>
          <a class="button" href="/orders/{$o/@no}"><xsl:value-of select="m:t('refund.keep')"/></a>
        </div>
      </form>
    </section>
  </xsl:template>
</xsl:stylesheet>
